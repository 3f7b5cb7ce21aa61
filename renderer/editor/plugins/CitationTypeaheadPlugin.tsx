import { lazy } from '../../../shared/lib/lazy';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuTextMatch } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $createMarkNode } from '@lexical/mark';
import { $createTextNode, $getSelection, $isRangeSelection, COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND, type LexicalNode, type TextNode } from 'lexical';
import { t } from '../../i18n';
import { locatorLabel } from '../../lib/locatorLabel';
import { STATUS_LABEL } from '../../lib/claimLabels';
import { sourceTitle, useBriefData } from '../briefData';
import { $createCitationNode } from '../nodes/CitationNode';

const MAX_RESULTS = 12;
const TRIGGER = /\[\[([^[\]\n]{0,80})$/;

class CiteOption extends MenuOption {
  constructor(
    readonly kind: 'passage' | 'claim',
    readonly id: string,
    readonly heading: string,
    readonly detail: string,
  ) {
    super(`${kind}:${id}`);
  }
}

/** `[[` followed by the query, at the caret. */
function matchTrigger(text: string): MenuTextMatch | null {
  const m = TRIGGER.exec(text);
  return m ? { leadOffset: m.index, matchingString: m[1] ?? '', replaceableString: m[0] } : null;
}

const fold = (s: string) => s.toLocaleLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/**
 * "Insert citation": typing `[[` (or Ctrl/Cmd+Shift+C, which types it) opens a
 * menu over the case's passages and claims, matched by words against the
 * passage text, comment, tags and source title, or the claim's statement and
 * claimant. A passage inserts its citation; a claim inserts its statement
 * marked as that claim, followed by citations of its supporting passages.
 */
export function CitationTypeaheadPlugin() {
  const [editor] = useLexicalComposerContext();
  const data = useBriefData();
  const [query, setQuery] = useState<string | null>(null);

  // Ctrl/Cmd+Shift+C types the trigger, so the same menu (and Escape) apply.
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey || event.key.toLowerCase() !== 'c') return false;
          event.preventDefault();
          editor.update(() => {
            const selection = $getSelection();
            if ($isRangeSelection(selection)) selection.insertText('[[');
          });
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor],
  );

  // Built when the menu first needs it, not on every change of the case: with ten thousand passages the
  // list takes a tenth of a second, which every new passage (and opening a big case) would otherwise pay.
  const searchable = useMemo(() => lazy(() => {
    const passages = data.passages
      .filter((p) => p.anchor !== 'orphaned')
      .map((p) => {
        const source = data.sourcesById.get(p.sourceId);
        const tags = p.tags.map((id) => data.tagsById.get(id)?.name ?? '').join(' ');
        return {
          option: new CiteOption('passage', p.id, clip(p.selectors[0].exact, 140), `${sourceTitle(source)}, ${locatorLabel(p.locator)}${tags ? ` · ${tags}` : ''}`),
          haystack: fold(`${p.selectors[0].exact} ${p.comment} ${tags} ${sourceTitle(source)}`),
        };
      });
    const claims = data.claims.map((c) => ({
      option: new CiteOption('claim', c.id, clip(c.statement, 140), c.claimant ? t('citation.claimDetailBy', { status: STATUS_LABEL[c.status], claimant: c.claimant }) : t('citation.claimDetail', { status: STATUS_LABEL[c.status] })),
      haystack: fold(`${c.statement} ${c.claimant} ${c.note}`),
    }));
    return [...passages, ...claims];
  }), [data]);

  const options = useMemo(() => {
    if (query === null) return [];
    const words = fold(query).split(/\s+/).filter(Boolean);
    return searchable()
      .filter((entry) => words.every((w) => entry.haystack.includes(w)))
      .slice(0, MAX_RESULTS)
      .map((entry) => entry.option);
  }, [query, searchable]);

  const onSelect = useCallback(
    (option: CiteOption, textNode: TextNode | null, closeMenu: () => void) => {
      editor.update(() => {
        let nodes: LexicalNode[];
        if (option.kind === 'passage') {
          nodes = [$createCitationNode(option.id)];
        } else {
          const claim = data.claimsById.get(option.id);
          if (!claim) return;
          const mark = $createMarkNode([claim.id]);
          mark.append($createTextNode(claim.statement));
          const supporting = claim.evidence.filter((e) => e.stance === 'supports' && data.passagesById.has(e.passageId));
          nodes = [mark, ...supporting.map((e) => $createCitationNode(e.passageId, claim.id))];
        }
        if (textNode) {
          const [first, ...rest] = nodes;
          textNode.replace(first!);
          let last = first!;
          for (const node of rest) {
            last.insertAfter(node);
            last = node;
          }
          last.selectNext(0, 0);
        } else {
          const selection = $getSelection();
          if ($isRangeSelection(selection)) selection.insertNodes(nodes);
        }
        closeMenu();
      });
    },
    [data, editor],
  );

  return (
    <LexicalTypeaheadMenuPlugin<CiteOption>
      onQueryChange={setQuery}
      onSelectOption={onSelect}
      triggerFn={matchTrigger}
      options={options}
      anchorClassName="cite-typeahead-anchor"
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => {
        if (!anchor.current) return null;
        anchor.current.setAttribute('aria-label', t('citation.insert'));
        return createPortal(
          <div className="cite-typeahead">
            {options.length === 0 ? (
              <div className="cite-typeahead-empty" role="option" aria-selected="false" aria-disabled="true" id="typeahead-item-none">
                {query ? t('citation.noMatch', { query }) : t('citation.nothing')}
              </div>
            ) : (
              options.map((option, i) => (
                <div
                  key={option.key}
                  id={`typeahead-item-${i}`}
                  role="option"
                  aria-selected={selectedIndex === i}
                  className={selectedIndex === i ? 'cite-option selected' : 'cite-option'}
                  ref={option.setRefElement}
                  tabIndex={-1}
                  onMouseEnter={() => setHighlightedIndex(i)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setHighlightedIndex(i);
                    selectOptionAndCleanUp(option);
                  }}
                >
                  <span className="cite-option-kind">{option.kind === 'passage' ? t('citation.passage') : t('citation.claim')}</span>
                  <span className="cite-option-title">{option.heading}</span>
                  <span className="cite-option-detail">{option.detail}</span>
                </div>
              ))
            )}
          </div>,
          anchor.current,
        );
      }}
    />
  );
}
