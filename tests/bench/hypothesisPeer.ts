/**
 * The peer for P1: the Hypothesis client's re-anchoring method, run per
 * passage over the whole revised text. Position verified against the quote;
 * else every exact occurrence (indexOf); else a whole-document
 * `approx-string-match` search with maxErrors = min(256, ⌊len/2⌋). Candidates
 * are scored 50 : 20 : 20 : 2 on quote, prefix, suffix and position, and the
 * best one is taken, as the client does. It shares no code with ours.
 */
import search from 'approx-string-match';
import type { PassageAnchor } from '../../shared/anchoring/reanchor';

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/** Context agreement the way the client measures it: the best approximate match of the context. */
function contextScore(text: string, context: string): number {
  if (context.length === 0 || text.length === 0) return 0;
  const matches = search(text, context, context.length);
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((m) => m.errors));
  return 1 - errors / context.length;
}

function place(text: string, p: PassageAnchor): { start: number; end: number; status: string } {
  const [quote, position] = p.selectors;
  if (text.slice(position.start, position.end) === quote.exact) return { start: position.start, end: position.end, status: 'exact' };
  const exact = quote.exact;
  let candidates: Candidate[] = [];
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) candidates.push({ start: i, end: i + exact.length, errors: 0 });
  const verbatim = candidates.length > 0;
  if (!verbatim) candidates = search(text, exact, Math.min(256, Math.floor(exact.length / 2)));
  let best: (Candidate & { score: number }) | undefined;
  for (const c of candidates) {
    const q = 1 - c.errors / exact.length;
    const pre = contextScore(text.slice(Math.max(0, c.start - quote.prefix.length), c.start), quote.prefix);
    const suf = contextScore(text.slice(c.end, c.end + quote.suffix.length), quote.suffix);
    const pos = 1 - Math.abs(c.start - position.start) / text.length;
    const score = (50 * q + 20 * pre + 20 * suf + 2 * pos) / 92;
    if (!best || score > best.score) best = { ...c, score };
  }
  if (!best) return { start: -1, end: -1, status: 'orphaned' };
  return { start: best.start, end: best.end, status: verbatim ? 'moved' : 'fuzzy' };
}

/** Re-anchor every passage independently, as the client does on page load. */
export function hypothesisReanchor(newText: string, passages: readonly PassageAnchor[]): Map<string, { start: number; end: number; status: string }> {
  const out = new Map<string, { start: number; end: number; status: string }>();
  for (const p of passages) out.set(p.id, place(newText, p));
  return out;
}
