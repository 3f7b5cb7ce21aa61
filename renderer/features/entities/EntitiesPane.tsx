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
import { failureText, useTranslation } from '../../i18n';
import { mergeEntities, tagPassageWithEntity, unmergeEntities, untagPassageEntity } from '../../db/repositories';
import { announce } from '../../lib/announce';
import { translatedNames } from '../../lib/claimLabels';
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

const KIND_LABELS = translatedNames(ENTITY_KINDS, (kind) => `entities.kindMany.${kind}`);
const KIND_ONE = translatedNames(ENTITY_KINDS, (kind) => `entities.kindOne.${kind}`);

export function EntitiesPane({ caseId, sources, passages, claims }: EntitiesPaneProps) {
  const { t } = useTranslation();
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
      announce(t('entities.claimantSelected', { name: entity.name }));
    } else notices.toast(t('entities.noClaimant', { name: claimantRequest }));
  }, [claimantRequest, entities, extraction.pending, notices, t]);

  const choose = (entity: Entity) => {
    setSelectedKey(entity.key);
    const sourcesWith = Object.keys(entity.perSource).length;
    announce(t('entities.chosen', { name: entity.name, mentions: t('entities.mentions', { count: entity.total }), sources: t('entities.sources', { count: sourcesWith }) }));
  };

  const merge = async (alias: Entity, into: Entity) => {
    try {
      const record = await mergeEntities(caseId, alias.key, into.key);
      setSelectedKey(into.key);
      announce(t('entities.merged', { alias: alias.name, into: into.name }));
      notices.toast(t('entities.mergedToast', { alias: alias.name, into: into.name }), { label: t('common.undo'), run: async () => void (await unmergeEntities(record.id)) });
    } catch (error) {
      notices.error(failureText(error));
    }
  };

  const unmerge = async (mergeId: string, name: string) => {
    try {
      const removed = await unmergeEntities(mergeId);
      if (!removed) return;
      announce(t('entities.unmerged', { name }));
      notices.toast(t('entities.unmergedToast', { name }), {
        label: t('common.undo'),
        run: async () => void (await mergeEntities(removed.caseId, removed.alias, removed.into)),
      });
    } catch (error) {
      // A team case shared read-only refuses it (the data door's lock): say so rather than fail silently.
      notices.error(failureText(error));
    }
  };

  const toggleKind = (kind: EntityKind) => setKinds((list) => (list.includes(kind) ? list.filter((k) => k !== kind) : [...list, kind]));

  return (
    <section className="entities-pane view-pane" role="region" aria-labelledby={headingId}>
      <header className="view-header">
        <h2 id={headingId}>{t('entities.title')}</h2>
        <div className="view-tools" role="group" aria-label={t('entities.kinds')}>
          {ENTITY_KINDS.map((kind) => (
            <button key={kind} type="button" className="small" aria-pressed={kinds.includes(kind)} onClick={() => toggleKind(kind)}>
              {t('entities.kindButton', { kind: KIND_LABELS[kind], count: entities.filter((e) => e.kind === kind).length })}
            </button>
          ))}
        </div>
      </header>
      <p className="view-status" role="status">
        {extraction.pending > 0
          ? t('entities.finding', { count: extraction.pending })
          : kinds.length
            ? t('entities.summaryKinds', { entities: t('entities.count', { count: shown.length }), kinds: kinds.map((k) => KIND_LABELS[k].toLocaleLowerCase()).join(', ') })
            : t('entities.summary', { entities: t('entities.count', { count: shown.length }) })}
      </p>
      {extraction.error && <p className="field-error">{extraction.error}</p>}
      <div className="entities-body">
        <ul className="entity-list" aria-label={t('entities.list')}>
          {shown.map((entity) => (
            <li key={entity.key}>
              <button
                type="button"
                className="entity-item"
                aria-pressed={selected?.key === entity.key}
                aria-label={t('entities.item', { name: entity.name, kind: KIND_ONE[entity.kind].toLocaleLowerCase(), mentions: t('entities.mentions', { count: entity.total }) })}
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
                announce(t('entities.tagged', { name: selected.name }));
              } catch (error) {
                notices.error(failureText(error));
              }
            }}
            onUntag={async (passageId) => {
              const tag = (tags ?? []).find((t) => t.passageId === passageId && byKey.get(t.entity)?.key === selected.key) ?? (tags ?? []).find((t) => t.passageId === passageId && t.entity === selected.key);
              if (!tag) return;
              try {
                await untagPassageEntity(tag.id);
              } catch (error) {
                notices.error(failureText(error));
              }
            }}
          />
        ) : (
          <p className="muted entity-hint">{t('entities.hint')}</p>
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
  const { t } = useTranslation();
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
    <div className="entity-detail" role="group" aria-label={t('entities.details', { name: entity.name })}>
      <h3>
        {entity.name} <span className="muted small">{KIND_ONE[entity.kind]}</span>
      </h3>
      <h4>{t('entities.bySource')}</h4>
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
              {sourceTitles.get(sourceId) ?? t('entities.sourceFallback')}
            </button>{' '}
            <span className="entity-source-count">{t('entities.mentions', { count })}</span>
          </li>
        ))}
        {Object.keys(entity.perSource).length === 0 && <li className="muted small">{t('entities.notNamed')}</li>}
      </ul>
      {entity.aliases.length > 0 && (
        <>
          <h4>{t('entities.alsoCalled')}</h4>
          <ul>
            {entity.aliases.map((alias) => (
              <li key={alias.key}>
                {alias.name}{' '}
                <button type="button" className="small" aria-label={t('entities.unmergeName', { name: alias.name })} onClick={() => onUnmerge(alias.mergeId, alias.name)}>
                  {t('entities.unmerge')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {entity.coMentions.length > 0 && (
        <>
          <h4>{t('entities.coMentions')}</h4>
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
          <h4>{t('entities.claimsBy', { name: entity.name })}</h4>
          <ul>
            {entity.claimIds.map((id) => (
              <li key={id}>
                <button type="button" className="small link-like" onClick={() => navigate({ kind: 'open-claim', claimId: id })}>
                  {claimsById.get(id)?.statement ?? t('entities.claimFallback')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t('entities.taggedPassages')}</h4>
      <ul>
        {entity.passageIds.map((id) => {
          const passage = passagesById.get(id);
          return (
            <li key={id}>
              <button type="button" className="small link-like" onClick={() => navigate({ kind: 'reveal-passage', passageId: id })}>
                {passage ? passage.selectors[0].exact.slice(0, 90) : t('entities.passageDeleted')}
              </button>{' '}
              <button type="button" className="small" aria-label={t('entities.untagLabel', { name: entity.name })} onClick={() => void onUntag(id)}>
                {t('entities.untag')}
              </button>
            </li>
          );
        })}
        {entity.passageIds.length === 0 && <li className="muted small">{t('entities.none')}</li>}
      </ul>
      <form
        className="entity-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (tagPassage) void onTag(tagPassage);
        }}
      >
        <label htmlFor={tagId}>{t('entities.tagWith', { name: entity.name })}</label>
        <select id={tagId} value={tagPassage} onChange={(e) => setTagPassage(e.target.value)}>
          <option value="">{t('entities.choosePassage')}</option>
          {passages
            .filter((p) => !entity.passageIds.includes(p.id))
            .map((p) => (
              <option key={p.id} value={p.id}>
                {`${sourceTitles.get(p.sourceId) ?? ''}: ${p.selectors[0].exact.slice(0, 70)}`}
              </option>
            ))}
        </select>
        <button type="submit" className="small" disabled={!tagPassage}>
          {t('entities.tagPassage')}
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
        <label htmlFor={mergeId}>{t('entities.mergeInto', { name: entity.name })}</label>
        <select id={mergeId} value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)}>
          <option value="">{t('entities.chooseEntity')}</option>
          {others.map((e) => (
            <option key={e.key} value={e.key}>
              {t('entities.option', { name: e.name, kind: KIND_ONE[e.kind].toLocaleLowerCase() })}
            </option>
          ))}
        </select>
        <button type="submit" className="small" disabled={!mergeTarget}>
          {t('entities.merge')}
        </button>
      </form>
    </div>
  );
}
