/**
 * The people, organisations and places of a case: names found per source
 * (extract.ts) combined across sources, the user's alias merges applied,
 * with mention counts per source, co-mentions (named in the same paragraph),
 * the claims whose claimant is the entity, and the passages tagged with it.
 */
import type { ClaimRecord, EntityKind, EntityMergeRecord, EntityTagRecord } from '../domain/types';
import { entityKey, findMentions, foldName, type EntityMention, type NamedEntity, type SourceEntities } from './extract';

export interface SourceEntityInput {
  sourceId: string;
  text: string;
  extracted: SourceEntities;
}

export interface EntityMentionRef {
  sourceId: string;
  start: number;
  end: number;
}

export interface Entity {
  /** The canonical key (after merges). */
  key: string;
  kind: EntityKind;
  name: string;
  /** Names merged into this one, with their keys (for "Unmerge"). */
  aliases: { key: string; name: string; mergeId: string }[];
  total: number;
  /** Mentions per source ID. */
  perSource: Record<string, number>;
  mentions: EntityMentionRef[];
  /** Other entities named in the same paragraph, with how many paragraphs they share, most first. */
  coMentions: { key: string; count: number }[];
  /** Claims whose claimant is this entity. */
  claimIds: string[];
  /** Passages tagged with this entity by hand. */
  passageIds: string[];
}

export interface EntitiesInput {
  sources: readonly SourceEntityInput[];
  merges: readonly EntityMergeRecord[];
  tags: readonly EntityTagRecord[];
  claims: readonly Pick<ClaimRecord, 'id' | 'claimant'>[];
}

/**
 * Names found in several sources vote on their kind: "Holland" that one
 * source thinks is a place and two think is a person is a person.
 */
export function combineNames(sources: readonly Pick<SourceEntityInput, 'extracted'>[]): NamedEntity[] {
  const votes = new Map<string, { name: string; counts: Record<EntityKind, number> }>();
  for (const { extracted } of sources) {
    for (const entity of extracted.names) {
      const entry = votes.get(entity.folded) ?? { name: entity.name, counts: { person: 0, organization: 0, place: 0 } };
      entry.counts[entity.kind] += 1;
      votes.set(entity.folded, entry);
    }
  }
  return [...votes].map(([folded, { name, counts }]) => ({
    folded,
    name,
    kind: (Object.keys(counts) as EntityKind[]).reduce((a, b) => (counts[b] > counts[a] ? b : a)),
  }));
}

/**
 * Where each key ends up after the merges: follows chains (A → B → C) and
 * ignores a merge that would close a loop, so no entity ever disappears.
 */
export function resolveMerges(merges: readonly Pick<EntityMergeRecord, 'alias' | 'into'>[]): (key: string) => string {
  const next = new Map<string, string>();
  for (const merge of merges) {
    if (merge.alias === merge.into) continue;
    // Refuse a merge whose target already leads back to the alias.
    let target: string | undefined = merge.into;
    const seen = new Set<string>([merge.alias]);
    let loops = false;
    while (target !== undefined) {
      if (seen.has(target)) {
        loops = true;
        break;
      }
      seen.add(target);
      target = next.get(target);
    }
    if (!loops) next.set(merge.alias, merge.into);
  }
  return (key: string) => {
    let current = key;
    for (let i = 0; i < 64; i++) {
      const to = next.get(current);
      if (to === undefined) return current;
      current = to;
    }
    return current;
  };
}

/** Every entity of the case, most mentioned first. */
export function buildEntities(input: EntitiesInput): Entity[] {
  const names = combineNames(input.sources);
  const canonical = resolveMerges(input.merges);
  const entities = new Map<string, Entity>();
  const nameOf = new Map<string, { name: string; kind: EntityKind }>();
  for (const entity of names) nameOf.set(entityKey(entity.kind, entity.name), { name: entity.name, kind: entity.kind });
  for (const tag of input.tags) if (!nameOf.has(tag.entity)) nameOf.set(tag.entity, { name: tag.name, kind: tag.kind });

  const ensure = (key: string): Entity => {
    const target = canonical(key);
    let entity = entities.get(target);
    if (!entity) {
      const known = nameOf.get(target) ?? kindAndNameFromKey(target);
      entity = { key: target, kind: known.kind, name: known.name, aliases: [], total: 0, perSource: {}, mentions: [], coMentions: [], claimIds: [], passageIds: [] };
      entities.set(target, entity);
    }
    return entity;
  };

  const coCounts = new Map<string, Map<string, number>>();
  for (const source of input.sources) {
    const mentions = findMentions(source.text, source.extracted.runs, names);
    const byBlock = new Map<number, Set<string>>();
    for (const mention of mentions) {
      const entity = ensure(mention.key);
      entity.total += 1;
      entity.perSource[source.sourceId] = (entity.perSource[source.sourceId] ?? 0) + 1;
      entity.mentions.push({ sourceId: source.sourceId, start: mention.start, end: mention.end });
      const set = byBlock.get(mention.block) ?? new Set<string>();
      set.add(entity.key);
      byBlock.set(mention.block, set);
    }
    for (const keys of byBlock.values()) {
      const list = [...keys];
      for (const a of list) {
        for (const b of list) {
          if (a === b) continue;
          const row = coCounts.get(a) ?? new Map<string, number>();
          row.set(b, (row.get(b) ?? 0) + 1);
          coCounts.set(a, row);
        }
      }
    }
  }

  for (const merge of input.merges) {
    const into = entities.get(canonical(merge.into));
    if (!into || canonical(merge.alias) !== into.key || merge.alias === into.key) continue;
    const alias = nameOf.get(merge.alias) ?? kindAndNameFromKey(merge.alias);
    into.aliases.push({ key: merge.alias, name: alias.name, mergeId: merge.id });
  }

  for (const tag of input.tags) {
    const entity = ensure(tag.entity);
    if (!entity.passageIds.includes(tag.passageId)) entity.passageIds.push(tag.passageId);
  }

  const all = [...entities.values()];
  for (const claim of input.claims) {
    const entity = claimantEntity(claim.claimant, all);
    if (entity && !entity.claimIds.includes(claim.id)) entity.claimIds.push(claim.id);
  }
  for (const entity of all) {
    entity.coMentions = [...(coCounts.get(entity.key) ?? new Map<string, number>())]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
  return all.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

function kindAndNameFromKey(key: string): { kind: EntityKind; name: string } {
  const at = key.indexOf(':');
  const kind = key.slice(0, at) as EntityKind;
  const name = key.slice(at + 1).replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  return { kind: kind === 'person' || kind === 'place' ? kind : 'organization', name };
}

/**
 * The entity a claimant names: the same name or one of its aliases
 * ("NCA"), else the longest entity name inside the claimant
 * ("Detective Inspector Mara Lindqvist", "a spokesperson for Europol").
 */
export function claimantEntity<T extends Pick<Entity, 'name' | 'aliases'>>(claimant: string, entities: readonly T[]): T | undefined {
  const folded = foldName(claimant);
  if (folded === '') return undefined;
  const names = (entity: T) => [entity.name, ...entity.aliases.map((a) => a.name)].map(foldName);
  const exact = entities.find((entity) => names(entity).includes(folded));
  if (exact) return exact;
  let best: T | undefined;
  let bestLength = 0;
  for (const entity of entities) {
    for (const name of names(entity)) {
      if (name.length > bestLength && new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(name)}(?:$|[^\\p{L}\\p{N}])`, 'u').test(folded)) {
        best = entity;
        bestLength = name.length;
      }
    }
  }
  return best;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Entities of the given kinds (all when empty). */
export function filterEntities<T extends Pick<Entity, 'kind'>>(entities: readonly T[], kinds: readonly EntityKind[]): T[] {
  return kinds.length === 0 ? [...entities] : entities.filter((entity) => kinds.includes(entity.kind));
}

export type { EntityMention };
