import { useEffect, useMemo, useState } from 'react';
import type { SourceRecord } from '../../../shared/domain/types';
import { canonicalEncoding, describeEncoding, REOPEN_ENCODINGS } from '../../../shared/import/encoding';
import { ImportError } from '../../../shared/import/errors';
import { sourceKindFromName } from '../../../shared/import/detect';
import { getSourceBlob, undoSourceUpdate } from '../../db/repositories';
import { usePassages } from '../../db/hooks';
import { useNotices } from '../../lib/notices';
import { DialogFooter } from '../../lib/DialogFooter';
import { reasonOf, useFormSubmit } from '../../lib/useFormSubmit';
import { useModalDialog } from '../../lib/useModalDialog';
import { reopenWithEncoding } from './reopenEncoding';

/** Formats whose bytes are text in some encoding, and so can be reopened in another. */
function isTextFile(source: SourceRecord): boolean {
  try {
    const kind = sourceKindFromName(source.fileName);
    return kind === 'text' || kind === 'markdown' || kind === 'html';
  } catch {
    return false;
  }
}

function blocksLabel(count: number): string {
  return count === 1 ? '1 hidden block' : `${count.toLocaleString('en-US')} hidden blocks`;
}

/** The text a page hid from its readers, as the import kept it aside. */
export function HiddenTextDialog({ source, onClose }: { source: SourceRecord; onClose(): void }) {
  const dialog = useModalDialog();
  const hidden = source.importReport?.hidden;
  const count = hidden?.count ?? 0;
  const blocks = hidden?.blocks ?? [];
  return (
    <dialog ref={dialog} className="dialog hidden-text-dialog" aria-labelledby="hidden-text-title" onClose={onClose}>
      <h2 id="hidden-text-title">Hidden text left out</h2>
      <p className="muted">
        “{source.metadata.title}” hides {blocksLabel(count)} from its readers (with the <code>hidden</code> attribute or its own styles). Casefile left
        {count === 1 ? ' it' : ' them'} out of the text, because a fact-check should rest on what readers saw; hidden text is also a way to plant words
        for search engines. {count === 1 ? 'Here it is' : 'Here they are'}, for the record.
      </p>
      <ol className="hidden-blocks">
        {blocks.map((text, i) => (
          <li key={i} dir="auto">
            {text}
          </li>
        ))}
      </ol>
      {count > blocks.length && <p className="muted">{(count - blocks.length).toLocaleString('en-US')} more hidden blocks are counted but not kept.</p>}
      <DialogFooter cancel={{ label: 'Close', onClick: () => dialog.current?.close() }} />
    </dialog>
  );
}

/** A line under the reader's header when the page hid text from its readers. */
export function HiddenTextNote({ source }: { source: SourceRecord }) {
  const [open, setOpen] = useState(false);
  const count = source.importReport?.hidden?.count ?? 0;
  if (count === 0) return null;
  return (
    <div className="import-note" role="note">
      <span>
        {blocksLabel(count)} left out: text this page hides from its readers.
      </span>
      <button type="button" className="small" onClick={() => setOpen(true)}>
        Show hidden text
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
        label: 'Undo',
        run: () =>
          undoSourceUpdate(undo).then(
            () => notices.toast(`Restored revision ${undo.previous.revision} of “${undo.previous.metadata.title}” and its passages.`),
            (error: Error) => notices.error(error.message),
          ),
      });
      dialog.current?.close();
      onDone?.();
    },
    (failure) => (failure instanceof ImportError ? failure.message : `Could not reopen the file: ${reasonOf(failure)}`),
  );

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="reopen-title" aria-describedby="reopen-help" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <h2 id="reopen-title">Reopen with encoding</h2>
        <p id="reopen-help" className="muted">
          {current ? `“${source.fileName}” was read as ${describeEncoding(current)}.` : `Casefile did not record how “${source.fileName}” was read.`} If
          its letters look wrong (“Ã©” for “é”, “â€™” for “’”, or question marks), read the original file again in another encoding. The file
          itself, and its fingerprint, stay as they are.
        </p>
        <label>
          Encoding
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            {REOPEN_ENCODINGS.map((e) => (
              <option key={e.encoding} value={e.encoding}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        <p className="field-label" id="reopen-preview-label">
          Preview of the file’s beginning
        </p>
        {/* Focusable, so the preview scrolls from the keyboard too. */}
        <pre className="encoding-preview" aria-labelledby="reopen-preview-label" dir="auto" tabIndex={0}>
          {bytes === undefined ? 'Loading…' : bytes === null ? 'The original file is not kept in this case.' : preview}
        </pre>
        <p className="muted">
          {count === 0
            ? 'This source has no passages yet.'
            : `This source has ${count === 1 ? '1 passage' : `${count} passages`}. Each moves to the re-read text where its words are found; one whose words are not found (a quote taken from garbled letters) is kept as an orphan under Passages.`}
        </p>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: 'Reopen', disabled: busy || !bytes, busy }} />
      </form>
    </dialog>
  );
}

/** The part of "Source details" that says how the snapshot was made: encoding, hidden text, authors set aside. */
export function SnapshotDetails({ source, onReopen, onShowHidden }: { source: SourceRecord; onReopen(): void; onShowHidden(): void }) {
  const report = source.importReport;
  const hidden = report?.hidden?.count ?? 0;
  const textFile = isTextFile(source);
  return (
    <section className="snapshot-details" aria-labelledby="snapshot-details-title">
      <h3 id="snapshot-details-title">Snapshot</h3>
      <dl>
        <dt>Original file</dt>
        <dd>
          {source.fileName} <span className="muted">· SHA-256 {source.sha256.slice(0, 12)}…</span>
        </dd>
        {textFile && (
          <>
            <dt>Text encoding</dt>
            <dd>
              <span>{report?.encoding ? describeEncoding(report.encoding) : 'Not recorded (imported before Casefile recorded it)'}</span>{' '}
              <button type="button" className="small" onClick={onReopen}>
                Reopen with encoding…
              </button>
            </dd>
          </>
        )}
        {hidden > 0 && (
          <>
            <dt>Hidden text</dt>
            <dd>
              <span>{blocksLabel(hidden)} left out</span>{' '}
              <button type="button" className="small" onClick={onShowHidden}>
                Show hidden text
              </button>
            </dd>
          </>
        )}
        {report?.metadataAuthors && (
          <>
            <dt>Metadata author</dt>
            <dd dir="auto">
              The page’s metadata names {report.metadataAuthors.join(', ')}; the author above is the byline the page shows its readers.
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
