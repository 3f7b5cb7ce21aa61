import { useCallback, useState } from 'react';
import { reanchorAll } from '../../../shared/anchoring';
import type { SourceRecord } from '../../../shared/domain/types';
import { applySourceUpdate, locatorAt, planSourceUpdate, undoSourceUpdate, type SourceUpdatePlan } from '../../db/repositories';
import { failureText, useTranslation } from '../../i18n';
import { reasonOf, useFormSubmit } from '../../lib/useFormSubmit';
import { useModalDialog } from '../../lib/useModalDialog';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { updateSummary } from '../sources/updateSummary';
import { draftWithProgress, loadImporter, sourceFileFilters } from '../sources/useImport';
import { locatorLabel, shortQuote } from './labels';

interface Pending {
  plan: SourceUpdatePlan;
  fileName: string;
}

/**
 * "Update source…": pick the revised file, parse it like any import, and
 * re-anchor every passage against the new text, without writing anything.
 * A dialog then shows how many passages would be placed exactly, moved,
 * placed approximately and orphaned (listing the orphans); only "Apply"
 * stores the new revision, and the toast's Undo puts the previous revision
 * and every passage back as they were.
 */
export function useUpdateSource() {
  const { t } = useTranslation();
  const notices = useNotices();
  const [pending, setPending] = useState<Pending | null>(null);

  const start = useCallback(
    async (source: SourceRecord) => {
      try {
        const [file] = await platform().openFiles({ title: t('updateSource.title', { title: source.metadata.title }), filters: sourceFileFilters() });
        if (!file) return;
        const importer = await loadImporter();
        // Progress, Cancel and the OCR question, as for any import.
        const draft = await draftWithProgress(file.name, (control) => importer.importFile(file.name, file.bytes, control));
        if (!draft) {
          notices.toast(t('updateSource.cancelled', { title: source.metadata.title }));
          return;
        }
        if (draft.sha256 === source.sha256) {
          notices.toast(t('updateSource.same', { file: file.name }));
          return;
        }
        setPending({ plan: await planSourceUpdate(source.id, draft, reanchorAll, locatorAt), fileName: file.name });
      } catch (error) {
        notices.error(failureText(error));
      }
    },
    [notices, t],
  );

  const apply = async (plan: SourceUpdatePlan) => {
    const undo = await applySourceUpdate(plan);
    notices.toast(updateSummary(plan), {
      label: t('common.undo'),
      run: () =>
        undoSourceUpdate(undo).then(
          () => notices.toast(t('updateSource.undone', { revision: undo.previous.revision, title: undo.previous.metadata.title })),
          (error: unknown) => notices.error(failureText(error)),
        ),
    });
  };

  const dialog = pending ? <UpdateSourceDialog key={pending.plan.next.sha256} pending={pending} onApply={apply} onClose={() => setPending(null)} /> : null;
  return { start, dialog };
}

function UpdateSourceDialog({ pending, onApply, onClose }: { pending: Pending; onApply(plan: SourceUpdatePlan): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const { plan, fileName } = pending;
  const { placed, moved, fuzzy, orphaned } = plan.counts;
  const total = placed + moved + fuzzy + orphaned;

  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      await onApply(plan);
      dialog.current?.close();
    },
    (failure) => t('updateSource.failed', { reason: reasonOf(failure) }),
  );

  const rows: [string, number][] = [
    [t('updateSource.row.exact'), placed],
    [t('updateSource.row.moved'), moved],
    [t('updateSource.row.fuzzy'), fuzzy],
    [t('updateSource.row.orphaned'), orphaned],
  ];

  return (
    <dialog ref={dialog} className="dialog update-source-dialog" aria-labelledby="update-source-title" aria-describedby="update-source-text" onClose={onClose}>
      <form onSubmit={onSubmit}>
        <h2 id="update-source-title">{t('updateSource.title', { title: plan.previous.metadata.title })}</h2>
        <p id="update-source-text" className="muted">
          {t('updateSource.replace', { previous: plan.previous.revision, file: fileName, next: plan.next.revision })}{' '}
          {total === 0 ? t('updateSource.noPassages') : t('updateSource.preview', { count: total })}
        </p>
        {total > 0 && (
          <table className="update-source-counts" aria-label={t('updateSource.table')}>
            <tbody>
              {rows.map(([label, n]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {plan.orphans.length > 0 && (
          <section aria-labelledby="update-source-orphans">
            <h3 id="update-source-orphans">{t('updateSource.orphans')}</h3>
            <p className="muted small">{t('updateSource.orphansHelp')}</p>
            <ul className="update-source-list">
              {plan.orphans.map((p) => (
                <li key={p.id}>
                  <q>{shortQuote(p.selectors[0].exact, 160)}</q> <span className="muted small">{locatorLabel(p.locator)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {plan.fuzzy.length > 0 && (
          <details className="update-source-fuzzy">
            <summary>{t('updateSource.fuzzyList', { count: plan.fuzzy.length })}</summary>
            <ul className="update-source-list">
              {plan.fuzzy.map(({ before, after }) => (
                <li key={before.id}>
                  <q>{shortQuote(before.selectors[0].exact, 120)}</q> → <q>{shortQuote(after.selectors[0].exact, 120)}</q>
                </li>
              ))}
            </ul>
          </details>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
            {t('updateSource.apply')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
