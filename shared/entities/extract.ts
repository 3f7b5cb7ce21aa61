/**
 * People, organisations and places in a source's text, on the device, with
 * compromise.
 *
 * compromise tags whole sentences well but costs about 7 ms per kilobyte, far
 * too slow to run over every word of a large case. Names, though, are
 * capitalised, and a case repeats the same few dozen names. So:
 *
 * 1. find every capitalised run ("National Crime Agency", "UK", "Bank of
 *    England") with one regular expression, dropping sentence-initial words
 *    the text also uses in lower case ("The", "Police");
 * 2. hand compromise one sentence for each distinct run (its first), all
 *    sentences in one document, and keep the spans it tags as a person,
 *    organisation or place;
 * 3. read every mention back by matching the names it found against the runs
 *    of the whole text, longest first, so each mention has exact offsets.
 *
 * A surname on its own ("Okafor") counts for the one person of the source
 * whose name ends with it. Everything is plain data: the worker runs it, the
 * tests run it as it is.
 */
import nlp from 'compromise';
import type { EntityKind, SourceBlock } from '../domain/types';

export interface EntityMention {
  /** Entity key: kind and folded name, "organization:national crime agency". */
  key: string;
  kind: EntityKind;
  /** The name as first written in the text ("National Crime Agency"). */
  name: string;
  start: number;
  end: number;
  /** Index of the block (paragraph or page) it is in. */
  block: number;
}

/** Connectors that may sit inside a name: "Bank of England", "Ursula von der Leyen". */
const CONNECTORS = new Set(['of', 'for', 'the', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'y', '&']);
/** Days and months are capitalised but name no one. */
const CALENDAR = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/iu;
/** A capitalised word (with inner hyphens, apostrophes, dots: "O’Brien", "U.S.", "Jean-Luc"), or a connector. */
const TOKEN = /(\p{Lu}[\p{L}\p{M}\p{N}]*(?:[-'’.]\p{L}[\p{L}\p{M}\p{N}]*)*\.?|&|\b(?:of|for|the|de|del|della|di|da|do|dos|du|la|le|van|von|der|den|al|el|bin|ibn|y)\b)/gu;
/** Titles and honorifics never start a name. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'minister', 'judge', 'justice', 'detective', 'inspector', 'sergeant', 'officer', 'chief', 'superintendent', 'commissioner', 'director', 'senator', 'governor', 'mayor', 'general', 'captain', 'colonel', 'st']);

interface Run {
  start: number;
  end: number;
  tokens: { text: string; start: number; end: number }[];
}

/** Lower case, accents stripped, whitespace collapsed: how names are compared. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’']/gu, "'").toLowerCase().replace(/\s+/gu, ' ').trim();
}

export function entityKey(kind: EntityKind, name: string): string {
  return `${kind}:${foldName(name)}`;
}

/** Capitalised runs of the text: maximal sequences of capitalised words joined by single spaces and connectors. */
function capitalisedRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let pendingConnectors: { text: string; start: number; end: number }[] = [];
  const close = () => {
    if (current) runs.push(current);
    current = null;
    pendingConnectors = [];
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    let word = match[0];
    const start = match.index;
    const isConnector = CONNECTORS.has(word) && !/^\p{Lu}/u.test(word);
    const gap = current ? text.slice((pendingConnectors.at(-1) ?? current.tokens.at(-1)!).end, start) : '';
    if (current && !/^[ \u00a0]$/u.test(gap)) close();
    if (isConnector) {
      if (current) pendingConnectors.push({ text: word, start, end: start + word.length });
      continue;
    }
    // A sentence-final full stop is not part of the name, an initial's or acronym's is ("U.S.", "J.").
    let end = start + word.length;
    let endsSentence = false;
    if (word.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(word) && !/^\p{Lu}\.$/u.test(word)) {
      word = word.slice(0, -1);
      end -= 1;
      endsSentence = true;
    }
    // A possessive ends the name: "UK’s National Crime Agency" is two names.
    const possessive = /['’]s$/u.test(word);
    if (possessive) {
      word = word.slice(0, -2);
      end -= 2;
    }
    if (word === '') continue;
    if (CALENDAR.test(word)) {
      close();
      continue;
    }
    if (!current) current = { start, end, tokens: [] };
    current.tokens.push(...pendingConnectors, { text: word, start, end });
    pendingConnectors = [];
    current.end = end;
    if (possessive || endsSentence || /[,;:!?]/u.test(text[end] ?? '')) close();
  }
  close();
  return runs;
}

/** Whether the run starts a sentence (or block): its first word may just be capitalised by position. */
function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return start === 0 || /(?:^|[.!?:]["”’)]?\s+|\n\s*|["“‘(]\s*)$/u.test(before);
}

/** A name found in a source: its kind and how it was first written. */
export interface NamedEntity {
  /** Folded name (see `foldName`). */
  folded: string;
  kind: EntityKind;
  name: string;
}

/** A capitalised run of a source, kept so names found in other sources can be matched in it too. */
export interface NameRun {
  block: number;
  /** Offsets of its words (connectors included). */
  tokens: [number, number][];
}

/** What extraction keeps per source revision: the names it found, and where every capitalised run is. */
export interface SourceEntities {
  names: NamedEntity[];
  runs: NameRun[];
}

/**
 * Find the people, organisations and places in `text`. `blocks` (the
 * source's paragraphs or pages) keep sentences from running across a
 * paragraph and number each mention's block; without them the whole text is
 * one block. Mentions come from `findMentions`, which can also use names
 * found in the case's other sources.
 */
export function extractEntities(text: string, blocks: readonly Pick<SourceBlock, 'start' | 'end'>[] = []): SourceEntities {
  const regions = blocks.length > 0 ? blocks : [{ start: 0, end: text.length }];
  const lowerWords = new Set<string>();
  for (const word of text.match(/\b\p{Ll}[\p{L}\p{M}]*\b/gu) ?? []) lowerWords.add(word);

  // 1. Runs, with ordinary words that only start a sentence taken off.
  const runs: { run: Run; block: number }[] = [];
  regions.forEach((region, block) => {
    for (const run of capitalisedRuns(text.slice(region.start, region.end))) {
      const shifted: Run = {
        start: run.start + region.start,
        end: run.end + region.start,
        tokens: run.tokens.map((t) => ({ ...t, start: t.start + region.start, end: t.end + region.start })),
      };
      while (shifted.tokens.length > 0) {
        const first = shifted.tokens[0]!;
        const lower = first.text.toLowerCase();
        const common = atSentenceStart(text, first.start) && (lowerWords.has(lower) || COMMON_STARTERS.has(lower));
        if (!common && !CONNECTORS.has(first.text) && !TITLES.has(lower.replace(/\.$/, ''))) break;
        shifted.tokens.shift();
      }
      while (shifted.tokens.length > 0 && CONNECTORS.has(shifted.tokens.at(-1)!.text)) shifted.tokens.pop();
      if (shifted.tokens.length === 0) continue;
      shifted.start = shifted.tokens[0]!.start;
      shifted.end = shifted.tokens.at(-1)!.end;
      runs.push({ run: shifted, block });
    }
  });
  const nameRuns: NameRun[] = runs.map(({ run, block }) => ({ block, tokens: run.tokens.map((t) => [t.start, t.end]) }));
  if (runs.length === 0) return { names: [], runs: nameRuns };

  // 2. Each distinct run in a few words of its context ("a spokesperson for the X said"), all
  //    snippets in one document for compromise: the words around a name are what its tagger
  //    reads, and a snippet costs a tenth of the sentence it comes from.
  const sampled = new Set<string>();
  const sentences: string[] = [];
  for (const { run, block } of runs) {
    const name = text.slice(run.start, run.end);
    if (sampled.has(name)) continue;
    sampled.add(name);
    const region = regions[block]!;
    const sentence = sentenceAround(text, region.start, region.end, run.start, run.end);
    const before = text.slice(sentence.start, run.start).split(/\s+/u).filter(Boolean).slice(-3).join(' ');
    const after = text.slice(run.end, sentence.end).split(/\s+/u).filter(Boolean).slice(0, 2).join(' ').replace(/[.!?]+$/u, '');
    sentences.push(`${before} ${name} ${after}`.replace(/\s+/gu, ' ').trim().replace(/[,;:]$/u, '') + '.');
  }
  const named = tagNames(sentences.join('\n'));
  classifyByCues(text, runs, named);
  return { names: [...named].map(([folded, { kind, name }]) => ({ folded, kind, name })), runs: nameRuns };
}

/**
 * Every mention of the given names in a text's runs: the longest name inside
 * each run first, so "National Crime Agency" is one mention, not three
 * words. A lone surname counts for the one person whose name ends with it.
 */
export function findMentions(text: string, runs: readonly NameRun[], names: readonly NamedEntity[]): EntityMention[] {
  if (names.length === 0) return [];
  const byFolded = new Map<string, { kind: EntityKind; name: string }>();
  for (const entity of names) if (!byFolded.has(entity.folded)) byFolded.set(entity.folded, entity);
  const surnames = surnameIndex(byFolded);
  const longest = Math.max(...[...byFolded.keys()].map((k) => k.split(' ').length));
  const mentions: EntityMention[] = [];
  for (const { tokens, block } of runs) {
    let i = 0;
    while (i < tokens.length) {
      let matched = 0;
      let entity: { kind: EntityKind; name: string } | undefined;
      for (let n = Math.min(longest + 2, tokens.length - i); n >= 1; n--) {
        const [from] = tokens[i]!;
        const [, to] = tokens[i + n - 1]!;
        const folded = foldName(text.slice(from, to));
        entity = byFolded.get(folded) ?? (n === 1 ? surnames.get(folded) : undefined);
        if (entity) {
          matched = n;
          break;
        }
      }
      if (!entity) {
        i++;
        continue;
      }
      const [start] = tokens[i]!;
      const [, end] = tokens[i + matched - 1]!;
      mentions.push({ key: entityKey(entity.kind, entity.name), kind: entity.kind, name: entity.name, start, end, block });
      i += matched;
    }
  }
  return mentions;
}

const PLACE_WORDS = new Set(['port', 'street', 'road', 'avenue', 'city', 'river', 'bay', 'island', 'islands', 'county', 'province', 'region', 'valley', 'lake', 'mount', 'harbour', 'harbor', 'airport', 'station', 'square', 'bridge', 'coast', 'sea', 'ocean', 'gulf', 'strait', 'peninsula', 'district', 'village', 'town', 'fort', 'cape']);
const ORG_WORDS = new Set(['agency', 'ministry', 'department', 'board', 'police', 'court', 'council', 'committee', 'commission', 'bank', 'university', 'college', 'school', 'hospital', 'party', 'union', 'group', 'company', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'plc', 'gmbh', 'ferries', 'airlines', 'association', 'foundation', 'institute', 'office', 'service', 'services', 'directorate', 'authority', 'army', 'navy', 'force', 'forces', 'parliament', 'senate', 'government', 'network', 'trust', 'society', 'federation', 'organisation', 'organization', 'coastguard', 'customs', 'guard', 'times', 'post', 'ledger', 'herald', 'tribune', 'gazette', 'press', 'news']);
const PLACE_BEFORE = /\b(?:in|at|from|to|near|outside|via|across|into|towards?|around)\s+(?:the\s+)?$/iu;
const ORG_BEFORE = /\b(?:spokesperson|spokesman|spokeswoman|officials?|analysts?|staff|officers?|members?|head|director|chief|lawyers?|agents?)\s+(?:for|of|at|from)\s+(?:the\s+)?$/iu;
const SPEECH_AFTER = /^\s*(?:has\s+|had\s+)?(?:said|says|confirmed|confirms|announced|declined|denied|told|stated|reported|added)\b/iu;

/**
 * Names compromise does not know (a small port, an agency it has never seen)
 * get a kind from the words around them: a place or organisation word in the
 * name ("Port Velden", "Northline Ferries"), a preposition of place before it
 * ("in Karsby"), a role before it ("a spokesperson for Europol"), or a
 * reporting verb after a one-word name ("Europol said"). Runs with no cue are
 * left out rather than guessed.
 */
function classifyByCues(text: string, runs: readonly { run: Run }[], named: Map<string, { kind: EntityKind; name: string }>): void {
  const votes = new Map<string, { name: string; counts: Record<EntityKind, number> }>();
  for (const { run } of runs) {
    const name = text.slice(run.start, run.end);
    const folded = foldName(name);
    if (containsNamed(text, run, named)) continue;
    if (run.tokens.length === 1 && atSentenceStart(text, run.start)) continue;
    const words = folded.split(' ');
    const counts = votes.get(folded)?.counts ?? { person: 0, organization: 0, place: 0 };
    const before = text.slice(Math.max(0, run.start - 40), run.start);
    const after = text.slice(run.end, run.end + 24);
    if (words.some((w) => ORG_WORDS.has(w))) counts.organization += 2;
    else if (words.some((w) => PLACE_WORDS.has(w))) counts.place += 2;
    if (ORG_BEFORE.test(before)) counts.organization += 1;
    else if (PLACE_BEFORE.test(before)) counts.place += 1;
    if (run.tokens.length === 1 && SPEECH_AFTER.test(after)) counts.organization += 1;
    votes.set(folded, { name: votes.get(folded)?.name ?? name, counts });
  }
  for (const [folded, { name, counts }] of votes) {
    const kind = (Object.keys(counts) as EntityKind[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
    if (counts[kind] > 0) named.set(folded, { kind, name });
  }
}

/** Whether any stretch of the run is already a known name. */
function containsNamed(text: string, run: Run, named: ReadonlyMap<string, unknown>): boolean {
  for (let i = 0; i < run.tokens.length; i++) {
    for (let j = i; j < run.tokens.length; j++) {
      if (named.has(foldName(text.slice(run.tokens[i]!.start, run.tokens[j]!.end)))) return true;
    }
  }
  return false;
}

const COUNTRY_ACRONYMS = new Set(['uk', 'us', 'usa', 'u.s.', 'u.k.', 'uae', 'drc']);
const DEMONYM = /^\p{Lu}\p{Ll}+(?:ean|ian|an|ish|ese|ch|ic)$/u;

/** Words that start sentences in news writing and are never names on their own. */
const COMMON_STARTERS = new Set(['the', 'a', 'an', 'in', 'on', 'at', 'but', 'and', 'or', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'when', 'while', 'after', 'before', 'as', 'if', 'for', 'by', 'with', 'from', 'of', 'to', 'his', 'her', 'their', 'its', 'our', 'some', 'many', 'most', 'one', 'two', 'three', 'last', 'next', 'according', 'however', 'yesterday', 'today', 'tomorrow']);

/** compromise's people, organisations and places in a document, by folded name (first kind seen wins ties by count). */
function tagNames(document: string): Map<string, { kind: EntityKind; name: string }> {
  const doc = nlp(document);
  const votes = new Map<string, { name: string; counts: Record<EntityKind, number> }>();
  const add = (raw: string, kind: EntityKind) => {
    // Only the possessed part of "UK’s National Crime Agency" is of the tagged kind.
    for (const name of cleanName(raw).slice(-1)) {
      const folded = foldName(name);
      if (folded === '' || folded.length < 2) continue;
      const entry = votes.get(folded) ?? { name, counts: { person: 0, organization: 0, place: 0 } };
      entry.counts[kind] += 1;
      votes.set(folded, entry);
    }
  };
  for (const text of doc.people().not('#Demonym').out('array') as string[]) add(text, 'person');
  for (const text of doc.organizations().not('#Demonym').out('array') as string[]) add(text, 'organization');
  for (const text of doc.places().not('#Demonym').out('array') as string[]) add(text, 'place');
  // Acronyms compromise knows nothing else about ("NCA", "FBI") are almost always organisations.
  for (const text of doc.match('#Acronym').not('(#Place|#Person|#Organization)').out('array') as string[]) add(text, 'organization');
  const out = new Map<string, { kind: EntityKind; name: string }>();
  for (const [folded, { name, counts }] of votes) {
    if (COUNTRY_ACRONYMS.has(folded)) {
      out.set(folded, { kind: 'place', name });
      continue;
    }
    // compromise sometimes tags a nationality ("European", "Dutch") as an organisation.
    if (!folded.includes(' ') && DEMONYM.test(name) && counts.person === 0 && counts.place === 0) continue;
    const kind = (Object.keys(counts) as EntityKind[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
    out.set(folded, { kind, name });
  }
  return out;
}

/**
 * Tidy a span compromise tagged into the names it holds: no surrounding
 * punctuation, no leading "the" or title, no trailing lower-case words
 * ("EncroChat service" → "EncroChat"), split at a possessive ("UK’s National
 * Crime Agency" → "UK", "National Crime Agency").
 */
function cleanName(raw: string): string[] {
  const parts = raw
    .replace(/[“”"()[\]]/gu, ' ')
    .split(/['’]s\b/u)
    .map((part) => part.replace(/^[\s,.;:!?'’-]+|[\s,;:!?'’-]+$/gu, '').replace(/\.$/u, (dot, offset, whole) => (/(?:^|\s)(?:\p{Lu}\.)+$/u.test(whole) ? dot : '')));
  const out: string[] = [];
  for (const part of parts) {
    const words = part.split(/\s+/u).filter((w) => w !== '');
    while (words.length > 0 && (CONNECTORS.has(words[0]!.toLowerCase()) || TITLES.has(words[0]!.toLowerCase().replace(/\.$/, '')) || !/^\p{Lu}/u.test(words[0]!))) words.shift();
    while (words.length > 0 && (!/^\p{Lu}/u.test(words.at(-1)!) || CONNECTORS.has(words.at(-1)!))) words.pop();
    if (words.length > 0) out.push(words.join(' '));
  }
  return out;
}

/** "okafor" → the one person whose name ends in it; surnames shared by two people are left out. */
function surnameIndex(names: ReadonlyMap<string, { kind: EntityKind; name: string }>): Map<string, { kind: EntityKind; name: string }> {
  const out = new Map<string, { kind: EntityKind; name: string } | null>();
  for (const [folded, entity] of names) {
    if (entity.kind !== 'person') continue;
    const words = folded.split(' ');
    if (words.length < 2) continue;
    const surname = words.at(-1)!;
    if (names.has(surname)) continue;
    out.set(surname, out.has(surname) ? null : entity);
  }
  return new Map([...out].filter((entry): entry is [string, { kind: EntityKind; name: string }] => entry[1] !== null));
}

/** The sentence holding [start, end) inside [lo, hi): cut at ". ", "! ", "? " and line breaks, at most 600 characters. */
function sentenceAround(text: string, lo: number, hi: number, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > lo && start - s < 300 && !(/[.!?]/u.test(text[s - 2] ?? '') && /\s/u.test(text[s - 1] ?? '')) && text[s - 1] !== '\n') s--;
  let e = end;
  while (e < hi && e - end < 300 && !(/[.!?]/u.test(text[e] ?? '') && /\s|$/u.test(text[e + 1] ?? '')) && text[e] !== '\n') e++;
  return { start: s, end: Math.min(hi, e + 1) };
}
