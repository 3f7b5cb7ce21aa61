import { useEffect, useState } from 'react';

/**
 * Messages for screen readers only: what the keyboard just selected, that the
 * Selection actions toolbar is there, what an action did ("Highlight added,
 * tagged arrests"). One polite live region, mounted by the screen that
 * needs it (the reader); messages sent within a moment of each other are
 * read as one, so a selection and the toolbar's arrival are both heard.
 */

type Listener = (message: string, kind: string | undefined) => void;
const listeners = new Set<Listener>();

/**
 * Say `message` through the mounted {@link Announcer} (nothing happens when
 * none is mounted). A message of the same `kind` as one still waiting
 * replaces it: holding Shift+Arrow is read as where the selection got to,
 * not as every step on the way.
 */
export function announce(message: string, kind?: string): void {
  const text = message.trim();
  if (text) for (const listener of listeners) listener(text, kind);
}

/** How long messages are gathered into one announcement. */
const GATHER_MS = 120;

/** The live region. Not a `status` role: that name belongs to the app's visible notices. */
export function Announcer() {
  const [text, setText] = useState('');
  useEffect(() => {
    let pending: { message: string; kind: string | undefined }[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener: Listener = (message, kind) => {
      const same = kind === undefined ? -1 : pending.findIndex((p) => p.kind === kind);
      if (same >= 0) pending[same] = { message, kind };
      else if (pending.at(-1)?.message !== message) pending.push({ message, kind });
      clearTimeout(timer);
      timer = setTimeout(() => {
        const joined = pending.map((p) => p.message).join(' ');
        pending = [];
        // Clear first, so the same words twice in a row are read twice.
        setText('');
        requestAnimationFrame(() => setText(joined));
      }, GATHER_MS);
    };
    listeners.add(listener);
    return () => {
      clearTimeout(timer);
      listeners.delete(listener);
    };
  }, []);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-announcer="">
      {text}
    </div>
  );
}
