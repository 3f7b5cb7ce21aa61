/**
 * Attributed speech: who says so, and what exactly they say.
 *
 * News copy attributes a claim in a handful of fixed shapes, so a few
 * anchored patterns find nearly all of them without a parser:
 *   "…, said the European police body Europol."     (verb, then speaker)
 *   "“…,” Holland said."                            (speaker, then verb)
 *   "According to the port authority, …" / "…, according to …"
 *   "Police in the UK said (that) …" / "X told reporters …" / "X said: “…”"
 * compromise is used only where the shape alone cannot tell, to recognise a
 * person's name in an appositive ("Its director, Nikki Holland, said").
 */
import nlp from 'compromise';

export interface Attribution {
  /** The speaker, tidied for display; absent when it is only a pronoun ("she said"). */
  claimant?: string;
  /** The sentence without its attribution, as a stand-alone claim. */
  statement: string;
}

const VERB = String.raw`(?:said|says|say|stated|states|announced|announces|confirmed|confirms|claimed|claims|added|adds|warned|warns|explained|explains|noted|notes|insisted|insists|estimated|estimates|reported|reports|revealed|reveals|admitted|admits|alleged|alleges|argued|argues)`;
const TOLD = String.raw`(?:told|tells)\s+(?:reporters|journalists|the (?:press|media|court|jury|committee)|a (?:press|news) conference|MPs|parliament|(?:the\s+)?\p{Lu}[\p{L}\p{N}’'.-]*(?:\s+\p{Lu}[\p{L}\p{N}’'.-]*)*)`;
const REPORTING = `(?:${VERB}|${TOLD})`;
/** Closing a quoted or reported clause before the attribution: `,` `,”` `”` `?”` … */
const CLAUSE_END = String.raw`(?:,[”"’]?|[”"’],?|[?!][”"’]?)`;
const TIME_OR_PLACE = String.raw`(?:in an? (?:statement|press release|report|interview|email|tweet|post|briefing)|at an? (?:press|news) conference|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\p{Lu}\p{Ll}+ \d{1,2})|last (?:week|month|year|night)|yesterday|today|earlier|later|on (?:Twitter|X|Facebook|social media))`;

const VERB_THEN_SPEAKER = new RegExp(String.raw`^(?<body>.+?)${CLAUSE_END}\s+${REPORTING}\s+(?<who>[^“”"]+?)\s*[.!]?\s*$`, 'u');
const SPEAKER_THEN_VERB = new RegExp(
  String.raw`^(?<body>.+?)${CLAUSE_END}\s+(?<who>[^,“”"]{2,80}?)\s+${REPORTING}(?:\s+${TIME_OR_PLACE})?\s*[.!]?\s*$`,
  'u',
);
const ACCORDING_FIRST = /^According to (?<who>[^,]+),\s*(?<rest>.+)$/u;
const ACCORDING_LATER = /^(?<body>.+?),?\s+according to (?<who>[^,;.“”"]+)(?<tail>.*)$/u;
const SPEAKER_FIRST = new RegExp(String.raw`^(?<who>[^“”"]{2,160}?)\s+${REPORTING}(?<rest>(?:[\s,:].*)?)$`, 'u');

/** Words that show the text before a reporting verb is a clause, not a speaker. */
const CLAUSE_WORDS = /\b(?:that|which|who|whom|had|has|have|was|were|is|are|been|be|would|will|could|should|might|did|does|do|after|before|when|while|because|if|although|but)\b/iu;
const PRONOUN = /^(?:he|she|they|it|we|i|you|one)$/iu;
const PREPOSITIONS = new Set(['at', 'in', 'of', 'for', 'from', 'with', 'on', 'by', 'to', 'and', 'or', 'the', 'a', 'an']);
const MAX_SPEAKER_WORDS = 14;

/**
 * Find the attribution in one sentence. Returns `undefined` when the sentence
 * reports nobody's words; otherwise the speaker (when named) and the sentence
 * reduced to what was claimed.
 */
export function findAttribution(sentence: string): Attribution | undefined {
  const trimmed = sentence.trim();

  const trailing = VERB_THEN_SPEAKER.exec(trimmed) ?? SPEAKER_THEN_VERB.exec(trimmed);
  if (trailing?.groups) {
    const who = trailing.groups.who ?? '';
    if (isSpeaker(who)) return result(who, trailing.groups.body ?? '');
  }

  const first = ACCORDING_FIRST.exec(trimmed);
  if (first?.groups) return result(first.groups.who ?? '', first.groups.rest ?? '');

  const later = ACCORDING_LATER.exec(trimmed);
  if (later?.groups && isSpeaker(later.groups.who ?? '')) {
    const tail = (later.groups.tail ?? '').replace(/^[,;]\s*/u, ' ');
    return result(later.groups.who ?? '', `${later.groups.body ?? ''}${tail}`);
  }

  const leading = SPEAKER_FIRST.exec(trimmed);
  if (leading?.groups) {
    const who = (leading.groups.who ?? '').replace(/,$/u, '');
    if (isSpeaker(who) && /^[\p{Lu}“"‘]/u.test(who)) {
      const rest = stripReportingLead(leading.groups.rest ?? '');
      return result(who, wordCount(rest) >= 3 ? rest : trimmed);
    }
  }
  return undefined;
}

/**
 * Tidy a speaker phrase for display: drop time and place adverbials ("in a
 * statement", "on Tuesday"), name the organisation rather than its description
 * ("the European police body Europol" → "Europol"), put a person's name before
 * their role ("Its director of investigations, Nikki Holland" → "Nikki Holland,
 * director of investigations"), and drop a leading "the".
 */
export function cleanClaimant(raw: string): string | undefined {
  let who = raw.replace(/\s+/gu, ' ').trim().replace(/[,.:;]+$/u, '');
  who = who.replace(new RegExp(String.raw`\s+${TIME_OR_PLACE}\b.*$`, 'u'), '').trim();
  if (who === '' || PRONOUN.test(who)) return undefined;

  const appositive = /^(?<role>[^,]+),\s*(?<name>[^,]+)$/u.exec(who);
  if (appositive?.groups) {
    const role = appositive.groups.role ?? '';
    const name = appositive.groups.name ?? '';
    if (isPersonName(name) && !isPersonName(role)) {
      return `${name}, ${role.replace(/^(?:its|his|her|their|our|the|a|an)\s+/iu, '')}`;
    }
    return capitalise(who.replace(/^the\s+/iu, ''));
  }

  const described = /^(?<head>.*\s)?(?<last>[\p{Ll}][\p{L}-]*)\s+(?<name>\p{Lu}[\p{L}\p{N}’'&.-]*(?:\s+\p{Lu}[\p{L}\p{N}’'&.-]*)*)$/u.exec(who);
  if (described?.groups && /^the\s/iu.test(who) && !PREPOSITIONS.has((described.groups.last ?? '').toLowerCase())) {
    return described.groups.name;
  }
  return capitalise(who.replace(/^the\s+/iu, ''));
}

function result(rawWho: string, statement: string): Attribution {
  const claimant = cleanClaimant(rawWho);
  const cleaned = cleanStatement(statement);
  return claimant === undefined ? { statement: cleaned } : { claimant, statement: cleaned };
}

function isSpeaker(who: string): boolean {
  const words = wordCount(who);
  return words > 0 && words <= MAX_SPEAKER_WORDS && !CLAUSE_WORDS.test(who);
}

function isPersonName(phrase: string): boolean {
  const trimmed = phrase.trim();
  const people = nlp(trimmed).people().out('array') as string[];
  if (people.some((person) => person.replace(/[,.]$/u, '') === trimmed)) return true;
  return /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{Ll}’'-]+){1,2}$/u.test(trimmed) && !/\b(?:Police|Agency|Office|Ministry|Department|Authority|Council|Court|Service|Force|Bureau)\b/u.test(trimmed);
}

/** Drop what sits between a reporting verb and the reported words: "on Tuesday that", ":", "in a statement,". */
function stripReportingLead(rest: string): string {
  let text = rest.trim();
  for (;;) {
    const next = text
      .replace(new RegExp(String.raw`^${TIME_OR_PLACE}\b\s*`, 'u'), '')
      .replace(/^[,:]\s*/u, '')
      .replace(/^that\s+/u, '');
    if (next === text) return text;
    text = next;
  }
}

/**
 * Make a clause stand alone as a claim: unwrap a whole-clause quotation,
 * end it with a full stop instead of a comma, and capitalise it.
 */
export function cleanStatement(clause: string): string {
  let text = clause.replace(/\s+/gu, ' ').trim();
  const quoted = /^[“"‘](?<inner>[^“”"]+?)[,.!?]?[”"’]?[,.]?$/u.exec(text);
  if (quoted?.groups) text = quoted.groups.inner ?? text;
  else if (/^[“"]/u.test(text) && /[”"][.!?]?$/u.test(text) && countQuotes(text) === 2) {
    text = text.replace(/^[“"]/u, '').replace(/([.!?])?[”"]([.!?])?$/u, '$1$2');
  }
  text = text.replace(/[,;:\s]+$/u, '');
  if (!/[.!?…]$/u.test(text)) text += '.';
  return capitalise(text);
}

function countQuotes(text: string): number {
  return (text.match(/[“”"]/gu) ?? []).length;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((word) => word !== '').length;
}
