import { useState } from 'react';
import { createPortal } from 'react-dom';
import { BundleFailure } from '../../../shared/bundle/errors';
import { safeFileStem } from '../../../shared/domain/fileName';
import { useCase } from '../../db/hooks';
import { exportCaseBundle, readCaseSnapshot } from '../../db/repositories';
import { t as translateKey, useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import { flushAll } from '../../lib/flush';
import { reasonOf, useFormSubmit } from '../../lib/useFormSubmit';
import { useModalDialog } from '../../lib/useModalDialog';
import { useNotices } from '../../lib/notices';
import { platform } from '../../platform';
import { appVersion } from './appVersion';
import { bundleFilter } from './caseCommands';

export type CaseFormat = 'bundle' | 'json';

/** The bytes and name of one export of a case, in `format`. Pending edits are saved first. */
export async function exportCaseFile(caseId: string, format: CaseFormat, includeOriginals: boolean): Promise<{ name: string; fileName: string; bytes: Uint8Array; mediaType: string; filter: { name: string; extensions: string[] } } | null> {
  await flushAll();
  if (format === 'bundle') {
    const { fileName, bytes, data } = await exportCaseBundle(caseId, { includeOriginals, appVersion: await appVersion() });
    return { name: data.case.name, fileName, bytes, mediaType: 'application/x-casefile+zip', filter: bundleFilter() };
  }
  const snapshot = await readCaseSnapshot(caseId);
  if (!snapshot) return null;
  const { toCaseJson } = await import('../../../shared/export/caseJson');
  const { case: record, sources, passages, claims, tags, notes } = snapshot;
  const text = toCaseJson({ case: record, sources, passages, claims, tags, notes }, new Date());
  return {
    name: record.name,
    fileName: `${safeFileStem(record.name, 'case', 'hyphenated')}.case.json`,
    bytes: new TextEncoder().encode(text),
    mediaType: 'application/json',
    filter: { name: translateKey('cases.jsonFilter'), extensions: ['json'] },
  };
}

/**
 * "Export case": one export of the open case, in one of its formats — a `.casefile` bundle (the whole
 * case, with its original files unless left out, W3C annotations and CSL-JSON references; what Import
 * case reads back) or JSON (the records in one file, for scripts and the `casefile` command line).
 */
export function ExportCaseDialog({ caseId, onClose }: { caseId: string; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const notices = useNotices();
  const record = useCase(caseId);
  const [format, setFormat] = useState<CaseFormat>('bundle');
  const [originals, setOriginals] = useState(true);
  const { busy, error, onSubmit } = useFormSubmit(
    async (fail) => {
      const file = await exportCaseFile(caseId, format, originals);
      if (!file) {
        fail(t('cases.export.gone'));
        return;
      }
      const saved = await platform().saveFile({ suggestedName: file.fileName, bytes: file.bytes, mediaType: file.mediaType, filters: [file.filter] });
      if (!saved) return; // the save dialog was cancelled: nothing written, the choices stay
      const key = format === 'json' ? 'cases.export.doneJson' : originals ? 'cases.export.done' : 'cases.export.doneWithoutOriginals';
      notices.toast(t(key, { name: file.name, file: saved.name }));
      dialog.current?.close();
    },
    (failure) => {
      const reason = reasonOf(failure);
      const tooLarge = failure instanceof BundleFailure && failure.code === 'too-large' && format === 'bundle' && originals;
      return tooLarge ? t('cases.export.tooLarge', { reason }) : t('cases.export.failed', { reason });
    },
  );

  return createPortal(
    <dialog ref={dialog} className="dialog" aria-labelledby="export-case-title" aria-describedby="export-case-what" onClose={onClose}>
      <form onSubmit={onSubmit} aria-busy={busy || undefined}>
        <h2 id="export-case-title">{t('cases.export.title')}</h2>
        <p id="export-case-what" className="muted">
          {record ? t('cases.export.what', { name: record.name }) : t('common.loading')}
        </p>
        <fieldset className="format-choices" disabled={busy}>
          <legend>{t('cases.export.format')}</legend>
          <label className="choice">
            <input type="radio" name="case-format" value="bundle" checked={format === 'bundle'} onChange={() => setFormat('bundle')} aria-describedby="case-format-bundle" />
            <span>
              <span className="choice-title">{t('cases.export.bundle')}</span>
              <span id="case-format-bundle" className="choice-help">
                {t('cases.export.bundleHelp')}
              </span>
            </span>
          </label>
          {format === 'bundle' && (
            <label className="choice nested">
              <input type="checkbox" checked={originals} onChange={(e) => setOriginals(e.target.checked)} />
              <span className="choice-title">{t('cases.export.originals')}</span>
            </label>
          )}
          <label className="choice">
            <input type="radio" name="case-format" value="json" checked={format === 'json'} onChange={() => setFormat('json')} aria-describedby="case-format-json" />
            <span>
              <span className="choice-title">{t('cases.export.json')}</span>
              <span id="case-format-json" className="choice-help">
                {t('cases.export.jsonHelp')}
              </span>
            </span>
          </label>
        </fieldset>
        {busy && (
          <p className="muted" role="status">
            {t('cases.export.working')}
          </p>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: t('cases.export.confirm'), disabled: busy || !record, busy }} />
      </form>
    </dialog>,
    document.body,
  );
}
