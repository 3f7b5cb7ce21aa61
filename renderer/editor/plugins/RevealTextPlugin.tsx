import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import { $isTextNode } from 'lexical';
import { foldString, foldText } from '../../../shared/text/fold';

export interface RevealRequest {
  query: string;
  /** A new object for every request, so asking twice for the same words reveals again. */
  id: number;
}

/**
 * Shows where words occur in the open note (a search result that points into
 * a note): selects the first text node holding the first word, scrolls it
 * into view and focuses the editor.
 */
export function RevealTextPlugin({ request }: { request: RevealRequest | null }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const word = request ? foldString(request.query).split(/\s+/).find(Boolean) : undefined;
    if (!word) return;
    let key: string | null = null;
    editor.update(() => {
      for (const { node } of $dfs()) {
        if (!$isTextNode(node)) continue;
        const folded = foldText(node.getTextContent());
        const at = folded.text.indexOf(word);
        if (at < 0) continue;
        node.select(folded.starts[at]!, folded.ends[at + word.length - 1]!);
        key = node.getKey();
        return;
      }
    });
    setTimeout(() => {
      if (!key) return;
      editor.getElementByKey(key)?.scrollIntoView({ block: 'center' });
      editor.focus();
    });
  }, [editor, request]);
  return null;
}
