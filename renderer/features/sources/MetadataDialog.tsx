import { useState, type FormEvent } from 'react';
import type { CslDate, SourceMetadata, SourceRecord } from '../../../shared/domain/types';
import { metadataFromHints } from '../../../shared/import/metadata';
import { updateSourceMetadata } from '../../db/repositories';
import { formatName } from '../../reader/format';
import { useModalDialog } from '../../lib/useModalDialog';
import { useTranslation } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import { HiddenTextDialog, ReopenEncodingDialog, SnapshotDetails } from './ImportReport';

/** The kinds offered, in this order; each is named by `sourceDetails.type.<kind>`. */
const TYPES = ['article-newspaper', 'article-journal', 'report', 'webpage', 'interview', 'legal_case', 'document'] as const satisfies readonly SourceMetadata['type'][];

function dateToField(date: CslDate | undefined): string {
  const parts = date?.['date-parts']?.[0];
  if (!parts) return date?.raw ?? '';
  const [y, m, d] = parts;
  return [String(y).padStart(4, '0'), m && String(m).padStart(2, '0'), d && String(d).padStart(2, '0')].filter(Boolean).join('-');
}

/** Edit a source's CSL metadata. The snapshot text itself never changes here. */
export function MetadataDialog({ source, onClose }: { source: SourceRecord; onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const meta = source.metadata;
  const [title, setTitle] = useState(meta.title);
  const [type, setType] = useState(meta.type);
  const [authors, setAuthors] = useState((meta.author ?? []).map(formatName).join('\n'));
  const [container, setContainer] = useState(meta['container-title'] ?? '');
  const [issued, setIssued] = useState(dateToField(meta.issued));
  const [url, setUrl] = useState(meta.URL ?? '');
  const [error, setError] = useState('');
  const [sub, setSub] = useState<'reopen' | 'hidden' | null>(null);
  // Fields as they were when the dialog opened: unchanged means nothing typed here can be lost by closing.
  const [initial] = useState(() => [title, type, authors, container, issued, url].join('\u0000'));
  const edited = [title, type, authors, container, issued, url].join('\u0000') !== initial;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t('sourceDetails.needsTitle'));
    if (issued.trim() && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(issued.trim())) return setError(t('sourceDetails.badDate'));
    if (url.trim()) {
      try {
        const parsed = new URL(url.trim());
        if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('scheme');
      } catch {
        return setError(t('sourceDetails.badUrl'));
      }
    }
    const parsed = metadataFromHints(
      { title: title.trim(), authors: authors.split('\n').map((a) => a.trim()).filter(Boolean), published: issued.trim() || undefined },
      source.fileName,
    );
    const patch: Partial<SourceMetadata> = {
      title: title.trim(),
      type,
      author: parsed.author,
      'container-title': container.trim() || undefined,
      issued: parsed.issued,
      URL: url.trim() || undefined,
    };
    await updateSourceMetadata(source.id, patch);
    dialog.current?.close();
  };

  return (
    <>
      <dialog ref={dialog} className="dialog" aria-labelledby="meta-title" onClose={onClose}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <h2 id="meta-title">{t('sourceDetails.title')}</h2>
          <p className="muted">{t('sourceDetails.help')}</p>
          <label>
            {t('sourceDetails.name')}
            <input value={title} onChange={(e) => setTitle(e.target.value)} required />
          </label>
          <label>
            {t('sourceDetails.kind')}
            <select value={type} onChange={(e) => setType(e.target.value as SourceMetadata['type'])}>
              {TYPES.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`sourceDetails.type.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sourceDetails.authors')} <span className="muted">{t('sourceDetails.onePerLine')}</span>
            <textarea rows={3} value={authors} onChange={(e) => setAuthors(e.target.value)} />
          </label>
          <label>
            {t('sourceDetails.publication')}
            <input value={container} onChange={(e) => setContainer(e.target.value)} />
          </label>
          <label>
            {t('sourceDetails.published')} <span className="muted">{t('sourceDetails.dateFormat')}</span>
            <input value={issued} onChange={(e) => setIssued(e.target.value)} inputMode="numeric" />
          </label>
          <label>
            {t('sourceDetails.url')}
            <input value={url} onChange={(e) => setUrl(e.target.value)} type="url" />
          </label>
          <SnapshotDetails source={source} onReopen={() => setSub('reopen')} onShowHidden={() => setSub('hidden')} />
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: t('sourceDetails.save') }} />
        </form>
      </dialog>
      {sub === 'reopen' && (
        <ReopenEncodingDialog
          source={source}
          onClose={() => setSub(null)}
          // Back to the reader, where the re-read text and the status line's Undo are; details being edited stay open.
          onDone={() => {
            if (!edited) dialog.current?.close();
          }}
        />
      )}
      {sub === 'hidden' && <HiddenTextDialog source={source} onClose={() => setSub(null)} />}
    </>
  );
}
