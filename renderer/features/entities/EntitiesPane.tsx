/**
 * The Entities pane: the people, organisations and places of the case,
 * found in a worker, with mention counts per source and co-mentions.
 * Choosing one highlights its mentions in the reader (CSS Custom Highlight
 * API); aliases are merged ("NCA" is "National Crime Agency") and unmerged
 * with Undo; a passage can be tagged with an entity; claims whose claimant
 * is the entity are listed with it.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { buildEntities, claimantEntity, filterEntities, type Entity } from '../../../shared/entities/entities';
import { ENTITY_KINDS, type ClaimRecord, type EntityKind, type PassageRecord, type SourceRecord } from '../../../shared/domain/types';
import { useEntityMerges, useEntityTags } from '../../db/hooks';
import { mergeEntities, tagPassageWithEntity, unmergeEntities, untagPassageEntity } from '../../db/repositories';
import { announce } from '../../lib/announce';
import { setEntityHighlight, takePendingEntityRequest } from '../../lib/entityHighlight';
import { navigate, onNavigate } from '../../lib/navigation';
import { useNotices } from '../../lib/notices';
import { useCaseExtraction } from '../extraction/extraction';
import '../../styles/views.css';
import './entities.css';

export interface EntitiesPaneProps {
  caseId: string;
  sources: SourceRecord[] | undefined;
  passages: PassageRecord[] | undefined;
  claims: ClaimRecord[] | undefined;
}

const KIND_LABELS: Record<EntityKind, string> = { person: 'People', organization: 'Organisations', place: 'Places' };
const KIND_ONE: Record<EntityKind, string> = { person: 'Person', organization: 'Organisation', place: 'Place' };

export function EntitiesPane({ caseId, sources, passages, claims }: EntitiesPaneProps) {
  const notices = useNotices();
  const merges = useEntityMerges(caseId);
  const tags = useEntityTags(caseId);
  const extraction = useCaseExtraction(sources);
  const [kinds, setKinds] = useState<EntityKind[]>([]);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const headingId = useId();

  const entities = useMemo(
    () => buildEntities({ sources: extraction.entities, merges: merges ?? [], tags: tags ?? [], claims: claims ?? [] }),
    [extraction.entities, merges, tags, claims],
  );
  const shown = useMemo(() => filterEntities(entities, kinds), [entities, kinds]);
  const byKey = useMemo(() => new Map(entities.map((e) => [e.key, e])), [entities]);
  const selected = selectedKey ? (byKey.get(selectedKey) ?? entities.find((e) => e.aliases.some((a) => a.key === selectedKey)) ?? null) : null;
  const sourceTitles = useMemo(() => new Map((sources ?? []).map((s) => [s.id, s.metadata.title || s.fileName])), [sources]);

  // The chosen entity's mentions are highlighted in the reader.
  useEffect(() => {
    if (!selected) {
      setEntityHighlight(null);
      return;
    }
    const mentions = new Map<string, { start: number; end: number }[]>();
    for (const m of selected.mentions) mentions.set(m.sourceId, [...(mentions.get(m.sourceId) ?? []), { start: m.start, end: m.end }]);
    setEntityHighlight({ name: selected.name, mentions });
  }, [selected]);
  useEffect(() => () => setEntityHighlight(null), []);

  // "Show in Entities" from a claim's claimant (asked before or after the pane opened).
  const [claimantRequest, setClaimantRequest] = useState<string | null>(() => takePendingEntityRequest());
  useEffect(
    () =>
      onNavigate((request) => {
        if (request.kind === 'open-entity') setClaimantRequest(takePendingEntityRequest() ?? request.claimant);
      }),
    [],
  );
  useEffect(() => {
    if (claimantRequest === null || extraction.pending > 0) return;
    setClaimantRequest(null);
    const entity = claimantEntity(claimantRequest, entities);
    if (entity) {
      setSelectedKey(entity.key);
      announce(`${entity.name}, the claimant, is selected.`);
    } else notices.toast(`No entity named “${claimantRequest}” was found in this case’s sources.`);
  }, [claimantRequest, entities, extraction.pending, notices]);

  const choose = (entity: Entity) => {
    setSelectedKey(entity.key);
    const sourcesWith = Object.keys(entity.perSource).length;
    announce(`${entity.name}: ${entity.total} mention${entity.total === 1 ? '' : 's'} in ${sourcesWith} source${sourcesWith === 1 ? '' : 's'}, highlighted in the reader.`);
  };

  const merge = async (alias: Entity, into: Entity) => {
    try {
      const record = await mergeEntities(caseId, alias.key, into.key);
      setSelectedKey(into.key);
      announce(`${alias.name} merged into ${into.name}`);
      notices.toast(`“${alias.name}” merged into “${into.name}”.`, { label: 'Undo', run: async () => void (await unmergeEntities(record.id)) });
    } catch (error) {
      notices.error((error as Error).message);
    }
  };

  const unmerge = async (mergeId: string, name: string) => {
    const removed = await unmergeEntities(mergeId);
    if (!removed) return;
    announce(`${name} unmerged`);
    notices.toast(`“${name}” is its own entity again.`, {
      label: 'Undo',
      run: async () => void (await mergeEntities(removed.caseId, removed.alias, removed.into)),
    });
  };

  const toggleKind = (kind: EntityKind) => setKinds((list) => (list.includes(kind) ? list.filter((k) => k !== kind) : [...list, kind]));

  return (
    <section className="entities-pane view-pane" role="region" aria-labelledby={headingId}>
      <header className="view-header">
        <h2 id={headingId}>Entities</h2>
        <div className="view-tools" role="group" aria-label="Show kinds">
          {ENTITY_KINDS.map((kind) => (
            <button key={kind} type="button" className="small" aria-pressed={kinds.includes(kind)} onClick={() => toggleKind(kind)}>
              {KIND_LABELS[kind]} ({entities.filter((e) => e.kind === kind).length})
            </button>
          ))}
        </div>
      </header>
      <p className="view-status" role="status">
        {extraction.pending > 0
          ? `Finding names in ${extraction.pending} source${extraction.pending === 1 ? '' : 's'}…`
          : `${shown.length} entit${shown.length === 1 ? 'y' : 'ies'}${kinds.length ? ` (${kinds.map((k) => KIND_LABELS[k].toLowerCase()).join(', ')})` : ''}.`}
      </p>
      {extraction.error && <p className="field-error">{extraction.error}</p>}
      <div className="entities-body">
        <ul className="entity-list" aria-label="Entities found">
          {shown.map((entity) => (
            <li key={entity.key}>
              <button
                type="button"
                className="entity-item"
                aria-pressed={selected?.key === entity.key}
                aria-label={`${entity.name}, ${KIND_ONE[entity.kind].toLowerCase()}, ${entity.total} mention${entity.total === 1 ? '' : 's'}`}
                onClick={() => choose(entity)}
              >
                <span className={`entity-kind kind-${entity.kind}`} aria-hidden="true">
                  {KIND_ONE[entity.kind][0]}
                </span>
                <span className="entity-name">
                  {entity.name}
                  {entity.aliases.length > 0 && <span className="muted small"> = {entity.aliases.map((a) => a.name).join(', ')}</span>}
                </span>
                <span className="entity-count">{entity.total}</span>
              </button>
            </li>
          ))}
        </ul>
        {selected ? (
          <EntityDetail
            key={selected.key}
            entity={selected}
            entities={entities}
            sourceTitles={sourceTitles}
            passages={passages ?? []}
            claims={claims ?? []}
            onMerge={(into) => void merge(selected, into)}
            onUnmerge={(mergeId, name) => void unmerge(mergeId, name)}
            onChoose={choose}
            onTag={async (passageId) => {
              try {
                await tagPassageWithEntity(caseId, passageId, { key: selected.key, name: selected.name, kind: selected.kind });
                announce(`Passage tagged with ${selected.name}`);
              } catch (error) {
                notices.error((error as Error).message);
              }
            }}
            onUntag={async (passageId) => {
              const tag = (tags ?? []).find((t) => t.passageId === passageId && byKey.get(t.entity)?.key === selected.key) ?? (tags ?? []).find((t) => t.passageId === passageId && t.entity === selected.key);
              if (tag) await untagPassageEntity(tag.id);
            }}
          />
        ) : (
          <p className="muted entity-hint">Choose an entity to highlight its mentions in the sources.</p>
        )}
      </div>
    </section>
  );
}

function EntityDetail({
  entity,
  entities,
  sourceTitles,
  passages,
  claims,
  onMerge,
  onUnmerge,
  onChoose,
  onTag,
  onUntag,
}: {
  entity: Entity;
  entities: readonly Entity[];
  sourceTitles: ReadonlyMap<string, string>;
  passages: readonly PassageRecord[];
  claims: readonly ClaimRecord[];
  onMerge(into: Entity): void;
  onUnmerge(mergeId: string, name: string): void;
  onChoose(entity: Entity): void;
  onTag(passageId: string): void | Promise<void>;
  onUntag(passageId: string): void | Promise<void>;
}) {
  const [mergeTarget, setMergeTarget] = useState('');
  const [tagPassage, setTagPassage] = useState('');
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const claimsById = new Map(claims.map((c) => [c.id, c]));
  const passagesById = new Map(passages.map((p) => [p.id, p]));
  const others = entities.filter((e) => e.key !== entity.key);
  const mergeId = useId();
  const tagId = useId();
  const firstMention = (sourceId: string) => entity.mentions.find((m) => m.sourceId === sourceId);
  return (
    <div className="entity-detail" role="group" aria-label={`${entity.name} details`}>
      <h3>
        {entity.name} <span className="muted small">{KIND_ONE[entity.kind]}</span>
      </h3>
      <h4>Mentions by source</h4>
      <ul>
        {Object.entries(entity.perSource).map(([sourceId, count]) => (
          <li key={sourceId}>
            <button
              type="button"
              className="small link-like"
              onClick={() => {
                const m = firstMention(sourceId);
                if (m) navigate({ kind: 'reveal-text', sourceId, start: m.start, end: m.end });
              }}
            >
              {sourceTitles.get(sourceId) ?? 'Source'}
            </button>{' '}
            <span className="entity-source-count">
              {count} mention{count === 1 ? '' : 's'}
            </span>
          </li>
        ))}
        {Object.keys(entity.perSource).length === 0 && <li className="muted small">Not named in any source (tagged by hand).</li>}
      </ul>
      {entity.aliases.length > 0 && (
        <>
          <h4>Also called</h4>
          <ul>
            {entity.aliases.map((alias) => (
              <li key={alias.key}>
                {alias.name}{' '}
                <button type="button" className="small" aria-label={`Unmerge ${alias.name}`} onClick={() => onUnmerge(alias.mergeId, alias.name)}>
                  Unmerge
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {entity.coMentions.length > 0 && (
        <>
          <h4>Named in the same paragraphs as</h4>
          <ul className="co-mentions">
            {entity.coMentions.slice(0, 8).map((co) => {
              const other = byKey.get(co.key);
              return other ? (
                <li key={co.key}>
                  <button type="button" className="small link-like" onClick={() => onChoose(other)}>
                    {other.name}
                  </button>{' '}
                  <span className="muted small">×{co.count}</span>
                </li>
              ) : null;
            })}
          </ul>
        </>
      )}
      {entity.claimIds.length > 0 && (
        <>
          <h4>Claims made by {entity.name}</h4>
          <ul>
            {entity.claimIds.map((id) => (
              <li key={id}>
                <button type="button" className="small link-like" onClick={() => navigate({ kind: 'open-claim', claimId: id })}>
                  {claimsById.get(id)?.statement ?? 'Claim'}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Tagged passages</h4>
      <ul>
        {entity.passageIds.map((id) => {
          const passage = passagesById.get(id);
          return (
            <li key={id}>
              <button type="button" className="small link-like" onClick={() => navigate({ kind: 'reveal-passage', passageId: id })}>
                {passage ? passage.selectors[0].exact.slice(0, 90) : 'Passage deleted'}
              </button>{' '}
              <button type="button" className="small" aria-label={`Remove the ${entity.name} tag from this passage`} onClick={() => void onUntag(id)}>
                Untag
              </button>
            </li>
          );
        })}
        {entity.passageIds.length === 0 && <li className="muted small">None yet.</li>}
      </ul>
      <form
        className="entity-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (tagPassage) void onTag(tagPassage);
        }}
      >
        <label htmlFor={tagId}>Tag a passage with {entity.name}</label>
        <select id={tagId} value={tagPassage} onChange={(e) => setTagPassage(e.target.value)}>
          <option value="">Choose a passage…</option>
          {passages
            .filter((p) => !entity.passageIds.includes(p.id))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {`${sourceTitles.get(p.sourceId) ?? ''}: ${p.selectors[0].exact.slice(0, 70)}`}
              </option>
            ))}
        </select>
        <button type="submit" className="small" disabled={!tagPassage}>
          Tag passage
        </button>
      </form>
      <form
        className="entity-form"
        onSubmit={(e) => {
          e.preventDefault();
          const target = byKey.get(mergeTarget);
          if (target) onMerge(target);
        }}
      >
        <label htmlFor={mergeId}>Merge {entity.name} into</label>
        <select id={mergeId} value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)}>
          <option value="">Choose an entity…</option>
          {others.map((e) => (
            <option key={e.key} value={e.key}>
              {`${e.name} (${KIND_ONE[e.kind].toLowerCase()})`}
            </option>
          ))}
        </select>
        <button type="submit" className="small" disabled={!mergeTarget}>
          Merge
        </button>
      </form>
    </div>
  );
}
