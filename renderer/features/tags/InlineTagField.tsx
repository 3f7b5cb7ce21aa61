import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface InlineTagFieldProps {
  /** The field's accessible name, e.g. "New name for tag arrests". */
  label: string;
  initial: string;
  multiline?: boolean;
  /** Write the value; a rejection's message is shown under the field and the field stays open with the text kept. */
  onSubmit(text: string): Promise<void>;
  onCancel(): void;
}

/**
 * A one-off edit in place (a tag's new name, its description): Enter saves
 * (Ctrl/⌘+Enter in a multi-line field), Escape cancels. A refused value stays
 * in the field with the reason in role="alert", because retyping a long name
 * after a collision message would be a punishment.
 */
export function InlineTagField({ label, initial, multiline, onSubmit, onCancel }: InlineTagFieldProps) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const errorId = useId();

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onSubmit(text);
    } catch (e) {
      setError((e as Error).message);
      field.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const common = {
    ref: field,
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    value: text,
    onKeyDown,
  };
  return (
    <div className="tag-inline-field">
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => (setText(e.target.value), setError(''))} />
      ) : (
        <input {...common} type="text" spellCheck={false} onChange={(e) => (setText(e.target.value), setError(''))} />
      )}
      <div className="tag-inline-buttons">
        <button type="button" className="small" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="small primary" disabled={busy} onClick={() => void submit()}>
          Save
        </button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
