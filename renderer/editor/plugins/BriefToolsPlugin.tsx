import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $isQuoteNode } from '@lexical/rich-text';
import { $isMarkNode } from '@lexical/mark';
import { $dfs } from '@lexical/utils';
import { $getRoot, type LexicalNode, type NodeKey } from 'lexical';
import { checkBriefIntegrity, type BriefTarget, type IntegrityProblem } from '../../../shared/brief/integrity';
import { translate, useTranslation } from '../../i18n';
import { useBriefData } from '../briefData';
import { $isCitationNode } from '../nodes/CitationNode';
import { ClaimReferenceControl } from './ClaimReferenceControl';

/** Words in a text, as a writer counts them: runs of letters or digits (with inner apostrophes, hyphens, points). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** The live node a problem points at: the index-th node of its kind, in the order the integrity check walks. */
function $findTarget(target: BriefTarget): LexicalNode | null {
  const is = target.kind === 'citation' ? $isCitationNode : target.kind === 'quote' ? $isQuoteNode : $isMarkNode;
  let seen = 0;
  for (const { node } of $dfs()) {
    if (is(node)) {
      if (seen === target.index) return node;
      seen++;
    }
  }
  return null;
}

interface Heading {
  key: NodeKey;
  level: number;
  text: string;
}

/**
 * The row under the toolbar: "Check citations" (the integrity check, each
 * problem a button that goes to its place), the outline of headings, and the
 * word count. The check reads the brief as stored JSON, the same input the
 * export dialog checks.
 */
export function BriefToolsPlugin() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const data = useBriefData();
  const [problems, setProblems] = useState<IntegrityProblem[] | null>(null);
  const [outlineOpen, setOutlineOpen] = useState(false);
  const [headings, setHeadings] = useState<Heading[]>([]);
  const [words, setWords] = useState<number | null>(null);
  const panelId = useId();
  const outlineId = useId();
  const checkButton = useRef<HTMLButtonElement>(null);

  // Word count and outline follow the text, computed when the editor is idle rather than on every keystroke.
  useEffect(() => {
    let handle = 0;
    const measure = () => {
      handle = 0;
      editor.getEditorState().read(() => {
        setWords(countWords($getRoot().getTextContent()));
        const found: Heading[] = [];
        for (const child of $getRoot().getChildren()) {
          if ($isHeadingNode(child)) found.push({ key: child.getKey(), level: Number(child.getTag().slice(1)), text: child.getTextContent() });
        }
        setHeadings((prev) => (JSON.stringify(prev) === JSON.stringify(found) ? prev : found));
      });
    };
    const schedule = () => {
      if (handle) return;
      handle = window.setTimeout(measure, 250);
    };
    // The first count waits too: opening a long brief should not pay for it before the text is usable.
    schedule();
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size > 0 || dirtyLeaves.size > 0) schedule();
    });
    return () => {
      unregister();
      if (handle) window.clearTimeout(handle);
    };
  }, [editor]);

  const runCheck = useCallback(() => {
    setProblems(checkBriefIntegrity(editor.getEditorState().toJSON(), data));
  }, [data, editor]);

  // While the panel is open it stays current with the records (a passage deleted, a claim re-rated).
  useEffect(() => {
    if (problems !== null) runCheck();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  const goTo = (target: BriefTarget) => {
    let key: NodeKey | null = null;
    editor.update(() => {
      const node = $findTarget(target);
      if (!node) return;
      key = node.getKey();
      if (!$isCitationNode(node)) node.selectStart();
    });
    // The update has been applied by now (discrete updates reconcile synchronously after the callback).
    setTimeout(() => {
      const el = key ? editor.getElementByKey(key) : null;
      if (!el) return;
      el.scrollIntoView({ block: 'center' });
      if (target.kind === 'citation') el.focus();
      else editor.focus();
    });
  };

  const goToHeading = (key: NodeKey) => {
    editor.update(() => {
      const node = $getRoot()
        .getChildren()
        .find((c) => c.getKey() === key);
      if ($isHeadingNode(node)) node.selectEnd();
    });
    setTimeout(() => {
      editor.getElementByKey(key)?.scrollIntoView({ block: 'start' });
      editor.focus();
    });
  };

  return (
    <div className="brief-tools">
      <button type="button" ref={checkButton} className="small" aria-expanded={problems !== null} aria-controls={panelId} onClick={() => (problems === null ? runCheck() : setProblems(null))}>
        {t('briefCheck.check')}
      </button>
      <button type="button" className="small" aria-expanded={outlineOpen} aria-controls={outlineId} onClick={() => setOutlineOpen((o) => !o)}>
        {headings.length ? t('briefCheck.outlineCount', { count: headings.length }) : t('briefCheck.outline')}
      </button>
      <ClaimReferenceControl />
      <span className="brief-words" aria-live="off">
        {words === null ? '' : t('briefCheck.words', { count: words })}
      </span>
      {outlineOpen && (
        <nav id={outlineId} className="brief-outline" aria-label={t('briefCheck.outline')}>
          {headings.length === 0 ? (
            <p className="muted">{t('briefCheck.noHeadings')}</p>
          ) : (
            <ol>
              {headings.map((h) => (
                <li key={h.key} style={{ paddingLeft: `${(h.level - 1) * 0.9}rem` }}>
                  <button type="button" className="link-button" onClick={() => goToHeading(h.key)}>
                    {h.text || t('briefCheck.untitledHeading')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </nav>
      )}
      {problems !== null && (
        <section id={panelId} className="integrity-panel" aria-label={t('briefCheck.panel')}>
          <div className="integrity-head">
            <h3 role="status">{problems.length === 0 ? t('briefCheck.allOk') : t('briefCheck.found', { count: problems.length })}</h3>
            <button type="button" className="small" onClick={runCheck}>
              {t('briefCheck.again')}
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setProblems(null);
                checkButton.current?.focus();
              }}
            >
              {t('briefCheck.close')}
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="integrity-list">
              {problems.map((p, i) => (
                <li key={i} data-kind={p.kind}>
                  <button type="button" className="integrity-item" onClick={() => goTo(p.target)}>
                    <span className="integrity-kind">{t(`briefCheck.kind.${p.kind}`)}</span> {translate(p.text)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
