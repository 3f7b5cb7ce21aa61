import { useState, type FormEvent } from 'react';
import { failureText } from '../i18n';

/** What a failure says, for a message line, in the UI's language: its message reference, an Error's message, else the value as text. */
export function reasonOf(failure: unknown): string {
  return failureText(failure);
}

/**
 * The submit of a dialog's form: one run at a time, `busy` while it works, and a failure said in the dialog itself
 * (`error`, shown in its role="alert" line) in the words `describe` gives it. `run` may also report a failure it
 * handled with `fail`, and return.
 */
export function useFormSubmit(run: (fail: (message: string) => void) => Promise<void>, describe: (failure: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await run(setError);
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, onSubmit: (event: FormEvent) => void submit(event) };
}
