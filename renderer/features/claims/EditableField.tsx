import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useCaseReadOnly } from '../../lib/readOnly';
import { failureText } from '../../i18n';

export interface EditableFieldProps {
  label: string;
  /** The stored value; the field shows it again whenever it changes and the user is not editing. */
  value: string;
  multiline?: boolean;
  /** Save on Enter (Shift+Enter still breaks a line in a multiline field). */
  submitOnEnter?: boolean;
  placeholder?: string;
  /** A synchronous check, returning a message for the user or '' when the text is fine. */
  validate?(text: string): string;
  /** Persist the text and resolve with the value as stored (normalised); a rejection's message is shown under the field. */
  onSave(text: string): Promise<string>;
  /** Reports whether the field currently holds text that could not be saved. */
  onValidity?(valid: boolean): void;
}

/**
 * A labelled text field that saves itself on blur (and on Enter when asked),
 * so an edit is never lost by clicking elsewhere. Invalid text stays in the
 * field with a specific message in role="alert" and is never written; Escape
 * puts the stored value back.
 */
export function EditableField({ label, value, multiline, submitOnEnter, placeholder, validate, onSave, onValidity }: EditableFieldProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState('');
  // In a read-only case the text can still be selected and copied, not changed.
  const { readOnly, reason } = useCaseReadOnly();
  const editing = useRef(false);
  const errorId = useId();

  // Show edits made elsewhere (another pane, Undo), unless the user is typing here.
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);

  const fail = (message: string) => {
    setError(message);
    onValidity?.(message === '');
  };

  const save = async () => {
    editing.current = false;
    if (draft === value) return fail('');
    const problem = validate?.(draft) ?? '';
    if (problem) return fail(problem);
    try {
      const stored = await onSave(draft);
      // A save that finishes late never overwrites newer typing.
      if (!editing.current) setDraft(stored);
      fail('');
    } catch (e) {
      fail(failureText(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && submitOnEnter && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape' && draft !== value) {
      e.preventDefault();
      e.stopPropagation();
      editing.current = false;
      setDraft(value);
      fail('');
    }
  };

  const common = {
    value: draft,
    placeholder: readOnly ? undefined : placeholder,
    readOnly,
    title: reason,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onChange: (e: { target: { value: string } }) => {
      editing.current = true;
      setDraft(e.target.value);
    },
    onBlur: () => void save(),
    onKeyDown,
  };

  return (
    <div className="claims-field">
      <label>
        {label}
        {multiline ? <textarea rows={3} {...common} /> : <input {...common} />}
      </label>
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
