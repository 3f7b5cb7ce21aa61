import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { $createQuoteNode } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $addUpdateTag,
  $createParagraphNode,
  $createRangeSelection,
  $createTextNode,
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isElementNode,
  $isParagraphNode,
  $isRangeSelection,
  $isTextNode,
  $parseSerializedNode,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  SKIP_DOM_SELECTION_TAG,
  type LexicalNode,
  type PointType,
} from 'lexical';
import { useNotices } from '../../lib/notices';
import { PASSAGE_DRAG_TYPE, registerBriefWriter } from '../briefCommands';
import { useBriefData } from '../briefData';
import { $createCitationNode } from '../nodes/CitationNode';
import { t } from '../../i18n';

interface SavedPoint {
  key: string;
  offset: number;
  type: PointType['type'];
}

function $restorePoint(point: SavedPoint, into: PointType): boolean {
  const node = $getNodeByKey(point.key);
  if (!node || !node.isAttached()) return false;
  const size = $isTextNode(node) ? node.getTextContentSize() : $isElementNode(node) ? node.getChildrenSize() : 0;
  into.set(point.key, Math.min(point.offset, size), point.type);
  return true;
}

/** The top-level block holding a node, or null for the root itself. */
function $topBlock(node: LexicalNode | null): LexicalNode | null {
  return node ? node.getTopLevelElement() : null;
}

/**
 * Writing passages into the brief from outside it: "Cite in brief" inserts a
 * citation where the caret last was, and dropping a passage card or evidence
 * item inserts a block quote of the passage's exact text plus its citation.
 */
export function InsertPassagePlugin() {
  const [editor] = useLexicalComposerContext();
  const editable = useLexicalEditable();
  const data = useBriefData();
  const dataRef = useRef(data);
  dataRef.current = data;
  const notices = useNotices();
  const lastCaret = useRef<{ anchor: SavedPoint; focus: SavedPoint } | null>(null);

  // Remember the last caret position, so a citation made from the reader lands where the writer left off.
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const selection = $getSelection();
          if ($isRangeSelection(selection)) {
            const { anchor, focus } = selection;
            lastCaret.current = {
              anchor: { key: anchor.key, offset: anchor.offset, type: anchor.type },
              focus: { key: focus.key, offset: focus.offset, type: focus.type },
            };
          }
        });
      }),
    [editor],
  );

  useEffect(() => {
    // A note that may only be read takes no citations or dropped passages: the app sees no brief to write into.
    if (!editable) return;
    /** Place the selection at the remembered caret (collapsed to its end), else at the end of the brief. */
    const $placeCaret = () => {
      const saved = lastCaret.current;
      if (saved) {
        const selection = $createRangeSelection();
        if ($restorePoint(saved.focus, selection.anchor) && $restorePoint(saved.focus, selection.focus)) {
          $setSelection(selection);
          return;
        }
      }
      // Never placed: the end of the last paragraph, or a new one after a closing quote, heading or list
      // (a citation slipped into someone else's quote would change what the quote cites).
      const root = $getRoot();
      const last = root.getLastChild();
      if ($isParagraphNode(last)) last.selectEnd();
      else root.append($createParagraphNode()).selectEnd();
    };

    const quoteFor = (passageId: string) => {
      const passage = dataRef.current.passagesById.get(passageId);
      if (!passage) return null;
      const quote = $createQuoteNode();
      quote.append($createTextNode(passage.selectors[0].exact), $createCitationNode(passageId));
      return quote;
    };

    /** Insert a quote block after `block` (or at the end), replacing it when it is an empty paragraph. */
    const $insertQuoteAfter = (block: LexicalNode | null, passageId: string) => {
      const quote = quoteFor(passageId);
      if (!quote) return false;
      if (block && $isElementNode(block) && block.getType() === 'paragraph' && block.getTextContentSize() === 0 && block.getChildrenSize() === 0) {
        block.replace(quote);
      } else if (block) {
        block.insertAfter(quote);
      } else {
        $getRoot().append(quote);
      }
      // A paragraph after the quote, so writing can go on below it.
      const next = quote.getNextSibling();
      if (!next) quote.insertAfter($createParagraphNode());
      quote.getNextSibling()?.selectStart();
      return true;
    };

    const unregisterWriter = registerBriefWriter({
      insertCitation(passageId, claimId) {
        editor.update(
          () => {
            $addUpdateTag(SKIP_DOM_SELECTION_TAG);
            $placeCaret();
            $insertNodes([$createCitationNode(passageId, claimId)]);
          },
          { tag: 'history-push' },
        );
      },
      insertBlock(json) {
        let inserted = false;
        editor.update(
          () => {
            $addUpdateTag(SKIP_DOM_SELECTION_TAG);
            $placeCaret();
            const selection = $getSelection();
            const block = $isRangeSelection(selection) ? $topBlock(selection.anchor.getNode()) : null;
            let node: LexicalNode;
            try {
              node = $parseSerializedNode(json as Parameters<typeof $parseSerializedNode>[0]);
            } catch {
              return;
            }
            if (block && $isElementNode(block) && block.getType() === 'paragraph' && block.getChildrenSize() === 0) block.replace(node);
            else if (block) block.insertAfter(node);
            else $getRoot().append(node);
            if (!node.getNextSibling()) node.insertAfter($createParagraphNode());
            inserted = true;
          },
          { tag: 'history-push', discrete: true },
        );
        return inserted;
      },
      insertQuote(passageId) {
        editor.update(() => {
          $addUpdateTag(SKIP_DOM_SELECTION_TAG);
          $placeCaret();
          const selection = $getSelection();
          const block = $isRangeSelection(selection) ? $topBlock(selection.anchor.getNode()) : null;
          $insertQuoteAfter(block, passageId);
        });
      },
    });

    const carriesPassage = (event: DragEvent) => event.dataTransfer?.types.includes(PASSAGE_DRAG_TYPE) ?? false;
    return mergeRegister(
      unregisterWriter,
      editor.registerCommand(
        DRAGOVER_COMMAND,
        (event) => {
          if (!carriesPassage(event)) return false;
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          if (!carriesPassage(event)) return false;
          event.preventDefault();
          const passageId = event.dataTransfer?.getData(PASSAGE_DRAG_TYPE) ?? '';
          if (!dataRef.current.passagesById.has(passageId)) {
            notices.error(t('citation.passageGone'));
            return true;
          }
          const caret = document.caretPositionFromPoint?.(event.clientX, event.clientY);
          editor.update(() => {
            const target = caret ? $getNearestNodeFromDOMNode(caret.offsetNode) : null;
            const block = target && target !== $getRoot() ? $topBlock(target) : $getRoot().getLastChild();
            $insertQuoteAfter(block, passageId);
          });
          editor.focus();
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    );
  }, [editable, editor, notices]);

  return null;
}
