/**
 * The brief's integrity check: can every citation still be backed by its
 * passage, is every block quote still verbatim, and does the brief lean on a
 * claim that has been found false or disputed?
 *
 * Pure: it reads the stored brief JSON (never the editor's DOM) and the case's
 * records, so the editor's "Check citations" panel, the export dialog and the
 * CLI all report the same problems.
 *
 * Each problem names its place in the brief as the index of a node kind in
 * document order (a depth-first, pre-order walk, the same order Lexical's
 * `$dfs` visits), so the editor can find the live node without knowing keys.
 */
import type { ClaimRecord, ClaimStatus, PassageRecord, SourceRecord } from '../domain/types';
import { englishText, type MessageRef } from '../i18n';
import { numberCitations } from './citations';

/** A problem's words: the catalogue key the UI translates, and its English. */
function described(text: MessageRef): { message: string; text: MessageRef } {
  return { message: englishText(text), text };
}

export type BriefTarget = { kind: 'citation' | 'quote' | 'mark'; index: number };

export type IntegrityProblem =
  | {
      kind: 'broken-citation';
      target: BriefTarget;
      passageId: string;
      /** The citation's number in the brief. */
      n: number;
      reason: 'missing' | 'orphaned';
      message: string;
      /** `message` as a catalogue key, for the UI's language. */
      text: MessageRef;
    }
  | {
      kind: 'quote-drift';
      target: BriefTarget;
      passageId: string;
      n: number;
      /** The passage text, as stored. */
      expected: string;
      /** The quote's text, as written in the brief. */
      actual: string;
      message: string;
      text: MessageRef;
    }
  | {
      kind: 'flagged-claim';
      target: BriefTarget;
      claimId: string;
      status: Extract<ClaimStatus, 'false' | 'disputed'>;
      message: string;
      text: MessageRef;
    };

export interface IntegrityInput {
  passages: readonly PassageRecord[];
  sources: readonly SourceRecord[];
  claims: readonly ClaimRecord[];
}

/**
 * Normalise text for the verbatim comparison: typographic quotation marks and
 * apostrophes become straight ones, every run of whitespace one space, and
 * quotation marks the writer put around the whole quote are dropped.
 */
export function normaliseQuote(text: string): string {
  let out = text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\s\u00A0\u2000-\u200B\u2028\u2029\u202F\u205F\u3000]+/g, ' ')
    .trim();
  while (out.length >= 2 && /^["']/.test(out) && out.endsWith(out[0]!)) out = out.slice(1, -1).trim();
  return out;
}

const shorten = (text: string, max = 60) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

interface Found {
  citations: { passageId: string; claimId?: string; index: number }[];
  quotes: { index: number; text: string; lastCitation?: string }[];
  marks: { index: number; ids: string[] }[];
}

/** One walk over the brief, collecting citations, quote blocks and claim marks in document order. */
function collect(briefJson: unknown): Found {
  const found: Found = { citations: [], quotes: [], marks: [] };
  const root = isObject(briefJson) && isObject(briefJson.root) ? briefJson.root : briefJson;
  // Each frame: a node and, when it sits inside a quote, that quote's record.
  const stack: { node: unknown; quote?: Found['quotes'][number] }[] = [{ node: root }];
  while (stack.length > 0) {
    const { node, quote: inQuote } = stack.pop()!;
    if (!isObject(node)) continue;
    let quote = inQuote;
    if (node.type === 'quote') {
      quote = { index: found.quotes.length, text: '' };
      found.quotes.push(quote);
    } else if (node.type === 'mark' && Array.isArray(node.ids)) {
      found.marks.push({ index: found.marks.length, ids: node.ids.filter((id): id is string => typeof id === 'string') });
    } else if (node.type === 'citation' && typeof node.passageId === 'string' && node.passageId !== '') {
      const citation: Found['citations'][number] = { passageId: node.passageId, index: found.citations.length };
      if (typeof node.claimId === 'string') citation.claimId = node.claimId;
      found.citations.push(citation);
      if (quote) quote.lastCitation = node.passageId;
    } else if (quote && node.type === 'text' && typeof node.text === 'string') {
      quote.text += node.text;
    } else if (quote && node.type === 'linebreak') {
      quote.text += '\n';
    }
    if (Array.isArray(node.children)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], quote });
    }
  }
  return found;
}

/**
 * Every problem in the brief, in document order within each kind: broken
 * citations first, then drifted quotes, then flagged claims.
 */
export function checkBriefIntegrity(briefJson: unknown, input: IntegrityInput): IntegrityProblem[] {
  const passages = new Map(input.passages.map((p) => [p.id, p]));
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const claims = new Map(input.claims.map((c) => [c.id, c]));
  const { numberOf } = numberCitations(briefJson);
  const found = collect(briefJson);
  const problems: IntegrityProblem[] = [];

  for (const c of found.citations) {
    const n = numberOf.get(c.passageId) ?? 0;
    const passage = passages.get(c.passageId);
    const source = passage ? sources.get(passage.sourceId) : undefined;
    if (!passage || !source) {
      problems.push({
        kind: 'broken-citation',
        target: { kind: 'citation', index: c.index },
        passageId: c.passageId,
        n,
        reason: 'missing',
        ...described({ key: 'briefCheck.problem.deleted', values: { n } }),
      });
    } else if (passage.anchor === 'orphaned') {
      problems.push({
        kind: 'broken-citation',
        target: { kind: 'citation', index: c.index },
        passageId: c.passageId,
        n,
        reason: 'orphaned',
        ...described({ key: 'briefCheck.problem.orphaned', values: { n, quote: shorten(passage.selectors[0].exact), title: source.metadata.title ?? source.fileName } }),
      });
    }
  }

  for (const q of found.quotes) {
    if (!q.lastCitation) continue;
    const passage = passages.get(q.lastCitation);
    if (!passage) continue; // reported above as a broken citation
    const expected = passage.selectors[0].exact;
    if (normaliseQuote(q.text) !== normaliseQuote(expected)) {
      const n = numberOf.get(passage.id) ?? 0;
      problems.push({
        kind: 'quote-drift',
        target: { kind: 'quote', index: q.index },
        passageId: passage.id,
        n,
        expected,
        actual: q.text,
        ...described({ key: 'briefCheck.problem.drift', values: { n } }),
      });
    }
  }

  const reported = new Set<string>();
  const flag = (claimId: string, target: BriefTarget) => {
    const claim = claims.get(claimId);
    if (!claim || reported.has(claimId) || (claim.status !== 'false' && claim.status !== 'disputed')) return;
    reported.add(claimId);
    problems.push({
      kind: 'flagged-claim',
      target,
      claimId,
      status: claim.status,
      ...described({ key: `briefCheck.problem.${claim.status}`, values: { statement: shorten(claim.statement) } }),
    });
  };
  // Each claim is flagged once: at its first citation, else at its first mark.
  for (const c of found.citations) if (c.claimId) flag(c.claimId, { kind: 'citation', index: c.index });
  for (const m of found.marks) for (const id of m.ids) flag(id, { kind: 'mark', index: m.index });

  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
