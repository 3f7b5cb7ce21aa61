import { useEffect, useMemo, useState } from 'react';
import type { SourceRecord } from '../../../shared/domain/types';
import { canonicalEncoding, describeEncodingRef, encodingLabelRef, REOPEN_ENCODINGS } from '../../../shared/import/encoding';
import { ImportError } from '../../../shared/import/errors';
import { sourceKindFromName } from '../../../shared/import/detect';
import { getSourceBlob, undoSourceUpdate } from '../../db/repositories';
import { usePassages } from '../../db/hooks';
import { useNotices } from '../../lib/notices';
import { DialogFooter } from '../../lib/DialogFooter';
import { reasonOf, useFormSubmit } from '../../lib/useFormSubmit';
import { useModalDialog } from '../../lib/useModalDialog';
import { failureText, Trans, translate, useTranslation } from '../../i18n';
import { reopenWithEncoding } from './reopenEncoding';
import { importErrorText } from './useImport';

/** Formats whose bytes are text in some encoding, and so can be reopened in another. */
function isTextFile(source: SourceRecord): boolean {
  try {
    const kind = sourceKindFromName(source.fileName);
    return kind === 'text' || kind === 'markdown' || kind === 'html';
  } catch {
    return false;
  }
}

/** The text a page hid from its readers, as the import kept it aside. */
export function HiddenTextDialog({ source, onClose }: { source: SourceRecord; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const hidden = source.importReport?.hidden;
  const count = hidden?.count ?? 0;
  const blocks = hidden?.blocks ?? [];
  return (
    <dialog ref={dialog} className="dialog hidden-text-dialog" aria-labelledby="hidden-text-title" onClose={onClose}>
      <h2 id="hidden-text-title">{t('importReport.hiddenTitle')}</h2>
      <p className="muted">
        <Trans
          i18nKey="importReport.hiddenWhy"
          count={count}
          values={{ title: source.metadata.title, blocks: t('importReport.hiddenBlocks', { count }) }}
          components={{ code: <code /> }}
        />
      </p>
      <ol className="hidden-blocks">
        {blocks.map((text, i) => (
          <li key={i} dir="auto">
            {text}
          </li>
        ))}
      </ol>
      {count > blocks.length && <p className="muted">{t('importReport.moreHidden', { count: count - blocks.length })}</p>}
      <DialogFooter cancel={{ label: t('dialog.close'), onClick: () => dialog.current?.close() }} />
    </dialog>
  );
}

/** A line under the reader's header when the page hid text from its readers. */
export function HiddenTextNote({ source }: { source: SourceRecord }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = source.importReport?.hidden?.count ?? 0;
  if (count === 0) return null;
  return (
    <div className="import-note" role="note">
      <span>{t('importReport.hiddenNote', { count })}</span>
      <button type="button" className="small" onClick={() => setOpen(true)}>
        {t('importReport.showHidden')}
      </button>
      {open && <HiddenTextDialog source={source} onClose={() => setOpen(false)} />}
    </div>
  );
}

/**
 * "Reopen with encoding…": choose an encoding, see the file's beginning
 * decoded with it, and read the original bytes again as a new revision.
 */
export function ReopenEncodingDialog({ source, onClose, onDone }: { source: SourceRecord; onClose(): void; onDone?(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const notices = useNotices();
  const passages = usePassages(source.caseId);
  const current = source.importReport?.encoding;
  const [encoding, setEncoding] = useState(() => (current && REOPEN_ENCODINGS.some((e) => e.encoding === current.encoding) ? current.encoding : 'utf-8'));
  const [bytes, setBytes] = useState<Uint8Array | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void getSourceBlob(source.id).then((blob) => live && setBytes(blob?.bytes ?? null));
    return () => {
      live = false;
    };
  }, [source.id]);

  // The first few kilobytes only: enough to judge, and instant.
  const preview = useMemo(() => {
    if (!bytes || !canonicalEncoding(encoding)) return '';
    return new TextDecoder(encoding).decode(bytes.subarray(0, 2048)).slice(0, 600);
  }, [bytes, encoding]);

  const count = passages?.filter((p) => p.sourceId === source.id && p.anchor !== 'orphaned').length ?? 0;

  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      const { message, undo } = await reopenWithEncoding(source, encoding);
      notices.toast(message, {
        label: t('common.undo'),
        run: () =>
          undoSourceUpdate(undo).then(
            () => notices.toast(t('updateSource.undone', { revision: undo.previous.revision, title: undo.previous.metadata.title })),
            (error: unknown) => notices.error(failureText(error)),
          ),
      });
      dialog.current?.close();
      onDone?.();
    },
    (failure) => (failure instanceof ImportError ? importErrorText(failure) : t('importReport.reopenFailed', { reason: reasonOf(failure) })),
  );

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="reopen-title" aria-describedby="reopen-help" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <h2 id="reopen-title">{t('importReport.reopenTitle')}</h2>
        <p id="reopen-help" className="muted">
          {current ? t('importReport.readAs', { file: source.fileName, encoding: translate(describeEncodingRef(current)) }) : t('importReport.notRecordedHow', { file: source.fileName })}{' '}
          {t('importReport.reopenHelp')}
        </p>
        <label>
          {t('importReport.encoding')}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            {REOPEN_ENCODINGS.map((e) => (
              <option key={e.encoding} value={e.encoding}>
                {translate(encodingLabelRef(e.encoding))}
              </option>
            ))}
          </select>
        </label>
        <p className="field-label" id="reopen-preview-label">
          {t('importReport.preview')}
        </p>
        {/* Focusable, so the preview scrolls from the keyboard too. */}
        <pre className="encoding-preview" aria-labelledby="reopen-preview-label" dir="auto" tabIndex={0}>
          {bytes === undefined ? t('common.loading') : bytes === null ? t('importReport.noOriginal') : preview}
        </pre>
        <p className="muted">
          {count === 0 ? t('importReport.noPassages') : t('importReport.passagesMove', { count })}
        </p>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: t('importReport.reopen'), disabled: busy || !bytes, busy }} />
      </form>
    </dialog>
  );
}

/** The part of "Source details" that says how the snapshot was made: encoding, hidden text, authors set aside. */
export function SnapshotDetails({ source, onReopen, onShowHidden }: { source: SourceRecord; onReopen(): void; onShowHidden(): void }) {
  const { t } = useTranslation();
  const report = source.importReport;
  const hidden = report?.hidden?.count ?? 0;
  const textFile = isTextFile(source);
  return (
    <section className="snapshot-details" aria-labelledby="snapshot-details-title">
      <h3 id="snapshot-details-title">{t('importReport.snapshot')}</h3>
      <dl>
        <dt>{t('importReport.originalFile')}</dt>
        <dd>
          {source.fileName} <span className="muted">· SHA-256 {source.sha256.slice(0, 12)}…</span>
        </dd>
        {textFile && (
          <>
            <dt>{t('importReport.textEncoding')}</dt>
            <dd>
              <span>{report?.encoding ? translate(describeEncodingRef(report.encoding)) : t('importReport.notRecorded')}</span>{' '}
              <button type="button" className="small" onClick={onReopen}>
                {t('importReport.reopenButton')}
              </button>
            </dd>
          </>
        )}
        {hidden > 0 && (
          <>
            <dt>{t('importReport.hiddenText')}</dt>
            <dd>
              <span>{t('importReport.leftOut', { count: hidden })}</span>{' '}
              <button type="button" className="small" onClick={onShowHidden}>
                {t('importReport.showHidden')}
              </button>
            </dd>
          </>
        )}
        {report?.metadataAuthors && (
          <>
            <dt>{t('importReport.metadataAuthor')}</dt>
            <dd dir="auto">{t('importReport.metadataAuthorText', { names: report.metadataAuthors.join(t('reader.namesSeparator')) })}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
