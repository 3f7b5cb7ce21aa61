import { useEffect, useRef } from 'react';

/** A ref for a native <dialog> that opens as a modal when mounted (focus trap and Escape come with it). */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return dialog;
}
