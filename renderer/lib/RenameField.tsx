import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n';

/** An inline text field: Enter saves, Escape cancels, blur saves. `null` means cancelled. */
export function RenameField({ initial, label, onDone }: { initial: string; label: string; onDone(name: string | null): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (name: string | null) => {
    if (finished.current) return;
    if (name !== null && !name.trim()) {
      setError(t('rename.empty'));
      return;
    }
    finished.current = true;
    onDone(name === null ? null : name.trim());
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    finish(value);
  };
  return (
    <form className="rename-form" onSubmit={submit}>
      <input
        ref={input}
        aria-label={label}
        value={value}
        maxLength={200}
        onChange={(e) => (setValue(e.target.value), setError(''))}
        onBlur={() => finish(value.trim() ? value : null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            finish(null);
          }
        }}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </form>
  );
}
