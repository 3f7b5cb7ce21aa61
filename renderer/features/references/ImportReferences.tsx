/**
 * "Import references…": a CSL-JSON, BibTeX or RIS file from a reference
 * manager. Each reference is matched to a source of the case (DOI, web
 * address, title) and fills its details; a reference with no match becomes
 * a new source, from its attached PDF when the person picks it, else from
 * its bibliographic details.
 *
 * Attached PDFs: a BibTeX `file` field or RIS `L1` line holds a path on the
 * exporting machine ("files/17/Report.pdf"), which a browser cannot open. So
 * the dialog lists the PDFs the references name and offers "Choose PDF
 * files…": the person picks them (from the export folder) and each is
 * matched to its reference by file name. Nothing is read behind their back,
 * and it works the same in the desktop app and the browser build.
 */
import { useMemo, useState } from 'react';
import type { ImportedReference, ReferenceMatch } from '../../../shared/import/references';
import type { SourceRecord } from '../../../shared/domain/types';
import { addSource, updateSourceMetadata } from '../../db/repositories';
import { useModalDialog } from '../../lib/useModalDialog';
import { failureText, t as translate, translate as translateRef, useTranslation } from '../../i18n';
import { useNotices, type NoticesApi } from '../../lib/notices';
import { createDialogSlot } from '../../lib/dialogSlot';
import { useSources } from '../../db/hooks';
import { platform, type PickedFile } from '../../platform';
import { loadImporter } from '../sources/useImport';

const MAX_REFERENCE_FILE = 20 * 1024 * 1024;

/** citation-js and its plugins load on first use, not with the app. */
const loadReferences = () => import('../../../shared/import/references');
type ReferencesModule = Awaited<ReturnType<typeof loadReferences>>;

interface Plan {
  lib: ReferencesModule;
  fileName: string;
  references: ImportedReference[];
  matches: (ReferenceMatch | null)[];
}

/** The open "Import references" dialog: the file read and its references, for the case they go into. */
const referencesDialog = createDialogSlot<{ caseId: string; lib: ReferencesModule; fileName: string; references: ImportedReference[] }>();

/**
 * The command's work: pick a CSL-JSON, BibTeX or RIS file, read it, and open the dialog with its
 * references. A file that cannot be read gets a message and opens nothing.
 */
export async function chooseReferences(caseId: string, notices: NoticesApi): Promise<void> {
  let files: PickedFile[];
  try {
    files = await platform().openFiles({ title: translate('references.chooserTitle'), filters: [{ name: translate('references.fileFilter'), extensions: ['json', 'bib', 'bibtex', 'ris', 'txt'] }] });
  } catch (error) {
    notices.error(translate('references.openFailed', { reason: failureText(error) }));
    return;
  }
  const [file] = files;
  if (!file) return;
  if (file.bytes.byteLength > MAX_REFERENCE_FILE) {
    notices.error(translate('references.tooLarge', { name: file.name }));
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    notices.error(translate('references.notUtf8', { name: file.name }));
    return;
  }
  const lib = await loadReferences();
  try {
    referencesDialog.open({ caseId, lib, fileName: file.name, references: lib.parseReferences(text, file.name) });
  } catch (error) {
    notices.error(error instanceof lib.ReferenceImportError ? translateRef(error.detail) : translate('references.unreadable', { name: file.name, reason: failureText(error) }));
  }
}

/** The overlay: the dialog while it is open, matching the references to the case's sources as they are when it opens. */
export function ReferencesDialogHost() {
  const open = referencesDialog.useOpen();
  const sources = useSources(open?.caseId);
  if (!open || !sources) return null;
  return <ReferencesDialog key={`${open.caseId}:${open.fileName}`} caseId={open.caseId} opened={open} sources={sources} onClose={referencesDialog.close} />;
}

function ReferencesDialog({
  caseId,
  opened,
  sources,
  onClose,
}: {
  caseId: string;
  opened: { lib: ReferencesModule; fileName: string; references: ImportedReference[] };
  sources: readonly SourceRecord[];
  onClose(): void;
}) {
  // Matched against the case's sources as they load and change, until Import is chosen: from then on the
  // plan is fixed, so the sources the import creates never turn into matches under the person's eyes.
  const matched = useMemo<Plan>(() => ({ ...opened, matches: opened.references.map((r) => opened.lib.matchReference(r, sources)) }), [opened, sources]);
  const [frozen, setFrozen] = useState<Plan | null>(null);
  const plan = frozen ?? matched;
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const notices = useNotices();
  const [pdfs, setPdfs] = useState<Map<string, PickedFile>>(new Map());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const sourcesById = new Map(sources.map((s) => [s.id, s]));
  const wanted = plan.references.flatMap((r, i) => (plan.matches[i] ? [] : r.attachments.map((a) => a.fileName)));

  const choosePdfs = async () => {
    try {
      const picked = await platform().openFiles({ title: t('references.pdfChooserTitle'), filters: [{ name: 'PDF', extensions: ['pdf'] }], multiple: true });
      setPdfs((current) => {
        const next = new Map(current);
        for (const file of picked) next.set(file.name.normalize('NFC'), file);
        return next;
      });
    } catch (error) {
      setProblem(t('references.filesFailed', { reason: failureText(error) }));
    }
  };

  const pdfFor = (reference: ImportedReference) => reference.attachments.map((a) => pdfs.get(a.fileName.normalize('NFC'))).find((f) => f !== undefined);

  const run = async () => {
    setFrozen(plan);
    setBusy(true);
    setProblem(null);
    const importer = await loadImporter();
    let updated = 0;
    let created = 0;
    const failed: string[] = [];
    for (const [i, reference] of plan.references.entries()) {
      const match = plan.matches[i];
      try {
        if (match) {
          const source = sourcesById.get(match.sourceId);
          if (!source) throw new Error(t('references.sourceGone'));
          await updateSourceMetadata(source.id, plan.lib.mergeReferenceMetadata(source.metadata, reference.metadata));
          updated++;
          continue;
        }
        const pdf = pdfFor(reference);
        const draft = pdf ? await importer.importFile(pdf.name, pdf.bytes) : await importer.importFile(`${safeName(reference.key)}.txt`, new TextEncoder().encode(referenceText(reference)));
        draft.metadata = plan.lib.mergeReferenceMetadata(draft.metadata, reference.metadata);
        await addSource(caseId, draft);
        created++;
      } catch (error) {
        failed.push(t('references.failedOne', { title: referenceTitle(reference), reason: failureText(error) }));
      }
    }
    setBusy(false);
    if (failed.length > 0) {
      setProblem(t('references.partial', { done: updated + created, total: plan.references.length, failed: failed.join('; ') }));
      return;
    }
    notices.toast(t('references.imported', { count: updated, created }));
    dialog.current?.close();
  };

  return (
    <dialog ref={dialog} className="dialog references-dialog" aria-labelledby="references-title" onClose={onClose}>
      <h2 id="references-title">{t('references.title')}</h2>
      <p>{t('references.inFile', { count: plan.references.length, file: plan.fileName })}</p>
      <ul className="references-plan" aria-label={t('references.list')}>
        {plan.references.map((reference, i) => {
          const match = plan.matches[i];
          const pdf = match ? undefined : pdfFor(reference);
          return (
            <li key={`${reference.key}-${i}`}>
              <strong>{referenceTitle(reference)}</strong>
              <br />
              <span className="small">
                {match
                  ? t('references.fills', { title: sourcesById.get(match.sourceId)?.metadata.title ?? t('references.aSource'), by: t(`references.by.${match.by}`) })
                  : pdf
                    ? t('references.fromPdf', { name: pdf.name })
                    : reference.attachments.length > 0
                      ? t('references.pdfMissing', { name: reference.attachments[0]!.fileName })
                      : t('references.detailsOnly')}
              </span>
            </li>
          );
        })}
      </ul>
      {wanted.length > 0 && (
        <p>
          <button type="button" className="small" onClick={() => void choosePdfs()} disabled={busy}>
            {t('references.choosePdfs')}
          </button>{' '}
          <span className="small muted">{t('references.choosePdfsHint')}</span>
        </p>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
          {t('dialog.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => void run()} disabled={busy}>
          {busy ? t('references.importing') : t('references.import')}
        </button>
      </div>
    </dialog>
  );
}

/** A reference's title, or its default in the UI's language when the file gives it none (the parser leaves that title empty). */
function referenceTitle(reference: ImportedReference): string {
  return reference.metadata.title || translate('references.untitled');
}

function safeName(key: string): string {
  return key.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'reference';
}

/** A source made from a reference without its document: its details, one per line. */
function referenceText(reference: ImportedReference): string {
  const m = reference.metadata;
  const names = (m.author ?? []).map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ')).join(', ');
  const year = m.issued?.['date-parts']?.[0]?.join('-');
  return [m.title, names, m['container-title'] ?? m.publisher, year, m.URL, m.DOI ? `doi:${m.DOI}` : undefined].filter(Boolean).join('\n\n');
}
