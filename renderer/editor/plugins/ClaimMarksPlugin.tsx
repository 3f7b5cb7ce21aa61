import { useCallback, useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { MarkNode } from '@lexical/mark';
import { $getNodeByKey } from 'lexical';
import { STATUS_LABEL } from '../../lib/claimLabels';
import { navigate } from '../../lib/navigation';
import { useBriefData } from '../briefData';
import { t } from '../../i18n';

/**
 * Text marked as referring to claims shows the claims' live status: the mark
 * element gets `data-status` (styled as a badge after the text) and an
 * accessible description, repainted whenever a claim changes. The marks
 * themselves hold only claim IDs. Alt+click (or Alt+Enter in the mark) opens
 * the claim.
 */
export function ClaimMarksPlugin() {
  const [editor] = useLexicalComposerContext();
  const data = useBriefData();
  const dataRef = useRef(data);
  dataRef.current = data;

  // Keys of the live marks, kept from mutations so painting never walks the whole brief.
  const markKeys = useRef(new Set<string>());

  const paint = useCallback(() => {
    const { claimsById } = dataRef.current;
    const marks: [string, readonly string[]][] = [];
    editor.getEditorState().read(() => {
      for (const key of markKeys.current) {
        const node = $getNodeByKey(key);
        if (node instanceof MarkNode) marks.push([key, node.getIDs()]);
      }
    });
    for (const [key, ids] of marks) {
      const el = editor.getElementByKey(key);
      if (!el) continue;
      const claims = ids.map((id) => claimsById.get(id)).filter((c) => c !== undefined);
      const claim = claims[0];
      const status = claim ? claim.status : 'missing';
      const label = claim ? STATUS_LABEL[claim.status] : t('claimRef.deleted');
      if (el.dataset.status !== status) el.dataset.status = status;
      if (el.dataset.statusLabel !== label) el.dataset.statusLabel = label;
      if (claim) el.dataset.claimId = claim.id;
      const description = claim ? t('claimRef.description', { statement: claim.statement, status: label }) : t('claimRef.deletedText');
      if (el.getAttribute('aria-description') !== description) el.setAttribute('aria-description', description);
    }
  }, [editor]);

  useEffect(
    () =>
      editor.registerMutationListener(
        MarkNode,
        (mutations) => {
          for (const [key, mutation] of mutations) {
            if (mutation === 'destroyed') markKeys.current.delete(key);
            else markKeys.current.add(key);
          }
          paint();
        },
        { skipInitialization: false },
      ),
    [editor, paint],
  );
  useEffect(() => paint(), [data, paint]);

  useEffect(() => {
    const open = (target: EventTarget | null) => {
      const mark = target instanceof Element ? (target.closest('mark[data-claim-id]') as HTMLElement | null) : null;
      if (mark?.dataset.claimId) navigate({ kind: 'open-claim', claimId: mark.dataset.claimId });
      return Boolean(mark?.dataset.claimId);
    };
    const onClick = (e: MouseEvent) => {
      if (e.altKey && open(e.target)) e.preventDefault();
    };
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.key !== 'Enter') return;
      const node = document.getSelection()?.anchorNode;
      if (open(node instanceof Element ? node : (node?.parentElement ?? null))) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    return editor.registerRootListener((root, prev) => {
      prev?.removeEventListener('click', onClick);
      prev?.removeEventListener('keydown', onKey, true);
      root?.addEventListener('click', onClick);
      root?.addEventListener('keydown', onKey, true);
    });
  }, [editor]);

  return null;
}
