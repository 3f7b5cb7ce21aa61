import { useState, type FormEvent } from 'react';
import type { CslDate, SourceMetadata, SourceRecord } from '../../../shared/domain/types';
import { metadataFromHints } from '../../../shared/import/metadata';
import { updateSourceMetadata } from '../../db/repositories';
import { formatName } from '../../reader/format';
import { useModalDialog } from '../../lib/useModalDialog';
import { DialogFooter } from '../../lib/DialogFooter';

const TYPES: { value: SourceMetadata['type']; label: string }[] = [
  { value: 'article-newspaper', label: 'News article' },
  { value: 'article-journal', label: 'Journal article' },
  { value: 'report', label: 'Report' },
  { value: 'webpage', label: 'Web page' },
  { value: 'interview', label: 'Interview or transcript' },
  { value: 'legal_case', label: 'Court document' },
  { value: 'document', label: 'Other document' },
];

function dateToField(date: CslDate | undefined): string {
  const parts = date?.['date-parts']?.[0];
  if (!parts) return date?.raw ?? '';
  const [y, m, d] = parts;
  return [String(y).padStart(4, '0'), m && String(m).padStart(2, '0'), d && String(d).padStart(2, '0')].filter(Boolean).join('-');
}

/** Edit a source's CSL metadata. The snapshot text itself never changes here. */
export function MetadataDialog({ source, onClose }: { source: SourceRecord; onClose(): void }) {
  const dialog = useModalDialog();
  const meta = source.metadata;
  const [title, setTitle] = useState(meta.title);
  const [type, setType] = useState(meta.type);
  const [authors, setAuthors] = useState((meta.author ?? []).map(formatName).join('\n'));
  const [container, setContainer] = useState(meta['container-title'] ?? '');
  const [issued, setIssued] = useState(dateToField(meta.issued));
  const [url, setUrl] = useState(meta.URL ?? '');
  const [error, setError] = useState('');


  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError('A source needs a title.');
    if (issued.trim() && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(issued.trim())) return setError('Write the date as YYYY, YYYY-MM or YYYY-MM-DD.');
    if (url.trim()) {
      try {
        const parsed = new URL(url.trim());
        if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('scheme');
      } catch {
        return setError('The URL must be a web address starting with http:// or https://.');
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
    <dialog ref={dialog} className="dialog" aria-labelledby="meta-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="meta-title">Source details</h2>
        <p className="muted">Used for citations and the bibliography. The source text itself is a fixed snapshot.</p>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label>
          Kind
          <select value={type} onChange={(e) => setType(e.target.value as SourceMetadata['type'])}>
            {TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Authors <span className="muted">(one per line)</span>
          <textarea rows={3} value={authors} onChange={(e) => setAuthors(e.target.value)} />
        </label>
        <label>
          Publication
          <input value={container} onChange={(e) => setContainer(e.target.value)} />
        </label>
        <label>
          Date published <span className="muted">(YYYY-MM-DD)</span>
          <input value={issued} onChange={(e) => setIssued(e.target.value)} inputMode="numeric" />
        </label>
        <label>
          URL
          <input value={url} onChange={(e) => setUrl(e.target.value)} type="url" />
        </label>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <DialogFooter cancel={{ onClick: () => dialog.current?.close() }} confirm={{ label: 'Save details' }} />
      </form>
    </dialog>
  );
}
