/**
 * Citation keys for Pandoc's `[@key]` citations: readable, stable and
 * unique within a case.
 *
 * A key is the first author's family name (or the organisation's first
 * word), the year and the first significant word of the title, in ASCII
 * lower case: `okafor2024customs`. Keys are computed over *all* the case's
 * sources in import order, not only the cited ones, so a source keeps its
 * key from one export to the next however the brief changes; two sources
 * that would share a key get `a`, `b`, … in that order
 * (`okafor2024customsa`, `okafor2024customsb`).
 */
import type { SourceRecord } from '../domain/types';

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'at', 'to', 'for', 'and', 'or', 'by', 'with', 'from', 'as', 'is', 'are', 'was', 'la', 'le', 'el', 'les', 'los', 'das', 'der', 'die']);

/** ASCII letters and digits only: "Ó Súilleabháin" → "osuilleabhain". */
function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** The key a source would get before disambiguation. */
export function baseKey(source: Pick<SourceRecord, 'metadata'>): string {
  const { metadata } = source;
  const first = metadata.author?.[0];
  const authorWord = first ? (first.family ?? first.literal?.split(/\s+/).find((w) => !STOP_WORDS.has(w.toLowerCase())) ?? first.given ?? '') : (metadata['container-title'] ?? metadata.publisher ?? '').split(/\s+/).find((w) => !STOP_WORDS.has(w.toLowerCase())) ?? '';
  const year = metadata.issued?.['date-parts']?.[0]?.[0];
  const titleWord = metadata.title.split(/[\s\p{P}]+/u).find((w) => w !== '' && !STOP_WORDS.has(w.toLowerCase()) && ascii(w) !== '') ?? '';
  const author = ascii(authorWord).slice(0, 24);
  const key = `${author}${Number.isInteger(year) ? String(year) : 'nd'}${ascii(titleWord).slice(0, 24)}`;
  // A key must start with a letter for Pandoc, and say more than "nd".
  return /^[a-z]/.test(key) && (author !== '' || titleWord !== '') ? key : `source${key}`;
}

/** Keys for every source (source ID → key), unique, in the case's order. */
export function citationKeys(sources: readonly Pick<SourceRecord, 'id' | 'metadata' | 'importedAt'>[]): Map<string, string> {
  const ordered = [...sources].sort((a, b) => a.importedAt - b.importedAt || a.id.localeCompare(b.id));
  const groups = new Map<string, string[]>();
  for (const source of ordered) {
    const key = baseKey(source);
    groups.set(key, [...(groups.get(key) ?? []), source.id]);
  }
  const out = new Map<string, string>();
  const taken = new Set(groups.keys());
  for (const [key, ids] of groups) {
    if (ids.length === 1) {
      out.set(ids[0]!, key);
      continue;
    }
    let n = 0;
    for (const id of ids) {
      let candidate: string;
      do candidate = `${key}${suffix(n++)}`;
      while (taken.has(candidate));
      taken.add(candidate);
      out.set(id, candidate);
    }
  }
  return out;
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let out = '';
  let i = n;
  do {
    out = String.fromCharCode(97 + (i % 26)) + out;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return out;
}
