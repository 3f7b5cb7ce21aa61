import { useId, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalEditable } from '@lexical/react/useLexicalEditable';
import { $isMarkNode, $unwrapMarkNode, $wrapSelectionInMarkNode } from '@lexical/mark';
import { $findMatchingParent } from '@lexical/utils';
import { $createRangeSelection, $getNodeByKey, $getSelection, $isRangeSelection, $setSelection, type PointType } from 'lexical';
import { useTranslation } from '../../i18n';
import { STATUS_LABEL } from '../../lib/claimLabels';
import { useBriefData } from '../briefData';

interface SavedRange {
  anchor: { key: string; offset: number; type: PointType['type'] };
  focus: { key: string; offset: number; type: PointType['type'] };
  backward: boolean;
}

/**
 * "Refer to claim…": marks the selected brief text as referring to a claim
 * (a MarkNode holding the claim's ID, painted with its live status by
 * ClaimMarksPlugin), or removes the reference the caret is in. The selection
 * is remembered when the form opens, since choosing a claim moves focus.
 */
export function ClaimReferenceControl() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const editable = useLexicalEditable();
  const data = useBriefData();
  const [open, setOpen] = useState<SavedRange | null>(null);
  const [claimId, setClaimId] = useState('');
  const [message, setMessage] = useState('');
  const selectId = useId();
  const opener = useRef<HTMLButtonElement>(null);

  const start = () => {
    setMessage('');
    let saved: SavedRange | null = null;
    let inMark = false;
    editor.getEditorState().read(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      inMark = $findMatchingParent(selection.anchor.getNode(), $isMarkNode) !== null;
      if (selection.isCollapsed()) return;
      const { anchor, focus } = selection;
      saved = { anchor: { key: anchor.key, offset: anchor.offset, type: anchor.type }, focus: { key: focus.key, offset: focus.offset, type: focus.type }, backward: selection.isBackward() };
    });
    if (!saved) {
      setMessage(inMark ? '' : t('claimRef.selectFirst'));
      if (inMark) removeReference();
      return;
    }
    if (data.claims.length === 0) {
      setMessage(t('claimRef.noClaims'));
      return;
    }
    setClaimId(data.claims[0]!.id);
    setOpen(saved);
  };

  const removeReference = () => {
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const mark = $findMatchingParent(selection.anchor.getNode(), $isMarkNode);
      if (mark && $isMarkNode(mark)) $unwrapMarkNode(mark);
    });
    setMessage(t('claimRef.removed'));
  };

  const apply = () => {
    const saved = open;
    setOpen(null);
    if (!saved || !data.claimsById.has(claimId)) return;
    editor.update(() => {
      if (!$getNodeByKey(saved.anchor.key) || !$getNodeByKey(saved.focus.key)) return;
      const selection = $createRangeSelection();
      selection.anchor.set(saved.anchor.key, saved.anchor.offset, saved.anchor.type);
      selection.focus.set(saved.focus.key, saved.focus.offset, saved.focus.type);
      $setSelection(selection);
      $wrapSelectionInMarkNode(selection, saved.backward, claimId);
    });
    editor.focus();
  };

  return (
    <>
      <button type="button" ref={opener} className="small" disabled={!editable} onMouseDown={(e) => e.preventDefault()} onClick={start} title={t('claimRef.hint')}>
        {t('claimRef.button')}
      </button>
      {open && (
        <form
          className="claim-ref-form"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(null);
              opener.current?.focus();
            }
          }}
        >
          <label htmlFor={selectId}>{t('claimRef.claim')}</label>
          <select id={selectId} value={claimId} onChange={(e) => setClaimId(e.target.value)} autoFocus>
            {data.claims.map((c) => (
              <option key={c.id} value={c.id}>
                {t('claimRef.option', { statement: c.statement.length > 80 ? `${c.statement.slice(0, 79)}…` : c.statement, status: STATUS_LABEL[c.status] })}
              </option>
            ))}
          </select>
          <button type="submit" className="small primary">
            {t('claimRef.mark')}
          </button>
          <button type="button" className="small" onClick={() => setOpen(null)}>
            {t('dialog.cancel')}
          </button>
        </form>
      )}
      {message && (
        <span className="claim-ref-message" role="status">
          {message}
        </span>
      )}
    </>
  );
}
