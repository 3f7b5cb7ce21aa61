import { useMemo } from 'react';
import type { PassageRecord, SourceRecord, TagRecord } from '../../../shared/domain/types';
import { isDescendant } from '../../../shared/claims/tags';
import { reattachPassage } from '../../db/repositories';
import { useDeletePassage } from './useDeletePassage';
import { PASSAGE_DRAG_TYPE } from '../../editor/briefCommands';
import { useTranslation } from '../../i18n';
import { Icon } from '../../lib/icons';
import { navigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { VirtualList } from '../../lib/VirtualList';
import { useCaseReadOnly } from '../../lib/readOnly';
import { locatorLabel, shortQuote } from './labels';
import { passagesInReadingOrder } from './passageOrder';
import { rangeToOffsets } from '../../reader/offsets';

export interface PassageListProps {
  passages: PassageRecord[] | undefined;
  sources: SourceRecord[] | undefined;
  tags: TagRecord[] | undefined;
  filterTagId: string | null;
}

/** The current selection in the reader's text, for re-attaching an orphan by hand. */
function readerSelection(sourcesById: Map<string, SourceRecord>): { source: SourceRecord; start: number; end: number } | null {
  const body = document.querySelector<HTMLElement>('.source-body[data-source-id]');
  const source = body?.dataset.sourceId ? sourcesById.get(body.dataset.sourceId) : undefined;
  const sel = document.getSelection();
  if (!body || !source || !sel?.rangeCount) return null;
  const offsets = rangeToOffsets(body, sel.getRangeAt(0), source.text);
  return offsets ? { source, ...offsets } : null;
}

/** The case's passages (filterable by tag) and the orphans of source updates. W3C export/import are commands (contribution.ts). */
export function PassageList({ passages, sources, tags, filterTagId }: PassageListProps) {
  const notices = useNotices();
  const { t } = useTranslation();
  const sourcesById = useMemo(() => new Map((sources ?? []).map((s) => [s.id, s])), [sources]);
  const tagsById = useMemo(() => new Map((tags ?? []).map((t) => [t.id, t])), [tags]);
  const filterTag = filterTagId ? tagsById.get(filterTagId) : undefined;

  const sorted = useMemo(() => passagesInReadingOrder(passages ?? [], sources ?? []), [passages, sources]);
  const { placed, orphans } = useMemo(() => {
    const matches = (p: PassageRecord) =>
      !filterTag || p.tags.some((id) => id === filterTag.id || (tagsById.get(id) && isDescendant(tagsById.get(id)!.name, filterTag.name)));
    return { placed: sorted.filter((p) => p.anchor !== 'orphaned' && matches(p)), orphans: sorted.filter((p) => p.anchor === 'orphaned') };
  }, [sorted, filterTag, tagsById]);

  const reattach = async (passage: PassageRecord) => {
    const sel = readerSelection(sourcesById);
    if (!sel) {
      notices.error(t('passageList.selectFirst'));
      return;
    }
    await reattachPassage(passage.id, sel.source, sel.start, sel.end);
    notices.toast(t('passageList.reattached'));
  };

  const deletion = useDeletePassage();
  const { readOnly, reason } = useCaseReadOnly();

  return (
    <div className="passage-list">
      <div className="sidebar-heading">
        <h2 id="passages-heading">{t('passageList.heading')}</h2>
        <span className="muted small">{filterTag ? t('passageList.tagFilter', { name: filterTag.name }) : `${placed.length}`}</span>
      </div>
      {passages === undefined ? (
        <p className="muted">{t('passageList.loading')}</p>
      ) : placed.length === 0 ? (
        <p className="muted">{filterTag ? t('passageList.noneWithTag') : t('passageList.none')}</p>
      ) : (
        <VirtualList
          className="passages-scroll"
          aria-labelledby="passages-heading"
          items={placed}
          itemKey={(p) => p.id}
          estimateSize={56}
          itemClassName={() => 'item passage-item'}
          renderItem={(p) => {
            const first = p.tags.map((id) => tagsById.get(id)).find(Boolean);
            return (
              <button
                type="button"
                className="item-main"
                draggable
                data-passage-id={p.id}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PASSAGE_DRAG_TYPE, p.id);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => navigate({ kind: 'open-passage-card', passageId: p.id })}
              >
                <span className="passage-snippet" dir="auto" style={first ? { borderColor: first.color } : undefined}>
                  {shortQuote(p.selectors[0].exact)}
                </span>
                <span className="item-sub">
                  {sourcesById.get(p.sourceId)?.metadata.title ?? t('passage.unknownSource')} · {locatorLabel(p.locator)}
                  {p.anchor === 'fuzzy' ? ` · ${t('passageList.approximate')}` : ''}
                </span>
              </button>
            );
          }}
        />
      )}
      {orphans.length > 0 && (
        <section className="orphans" aria-labelledby="orphans-heading">
          <h3 id="orphans-heading">{t('passageList.orphansHeading', { count: orphans.length })}</h3>
          <p className="muted small">{t('passageList.orphansHelp')}</p>
          <ul>
            {orphans.map((p) => (
              <li key={p.id} className="orphan">
                <blockquote dir="auto">{shortQuote(p.selectors[0].exact, 200)}</blockquote>
                <span className="item-sub">{sourcesById.get(p.sourceId)?.metadata.title ?? t('passage.unknownSource')}</span>
                <div className="orphan-actions">
                  <button type="button" className="small" disabled={readOnly} title={reason} onMouseDown={(e) => e.preventDefault()} onClick={() => void reattach(p)} aria-label={t('passageList.attachLabel', { quote: shortQuote(p.selectors[0].exact, 40) })}>
                    {t('passageList.attach')}
                  </button>
                  <button type="button" className="icon" disabled={readOnly} title={reason} onClick={() => void deletion.request(p)} aria-label={t('passageList.deleteOrphan', { quote: shortQuote(p.selectors[0].exact, 40) })}>
                    <Icon name="trash" />
                  </button>
                </div>
                {deletion.pendingId === p.id && deletion.confirmation}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
