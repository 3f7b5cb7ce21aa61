import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';

/** Undo steps kept per note: enough for a long session, bounded so memory stays flat. */
export const HISTORY_MAX_DEPTH = 300;

/** Undo/redo with a capped stack (Lexical's HistoryPlugin keeps every step). */
export function BoundedHistoryPlugin({ delay = 300, maxDepth = HISTORY_MAX_DEPTH }: { delay?: number; maxDepth?: number }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerHistory(editor, createEmptyHistoryState(), delay, undefined, undefined, maxDepth), [delay, editor, maxDepth]);
  return null;
}
