/**
 * The issue-14 fixtures (tests/fixtures/views) as records: sources built the
 * way an import builds them, passages and claims with IDs the tests name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe as describeSelectors } from '../../../shared/anchoring';
import type { ClaimRecord, PassageRecord, SourceMetadata, SourceRecord, Stance } from '../../../shared/domain/types';
import { splitFrontMatter } from '../../../shared/import/frontMatter';
import { normaliseText } from '../../../shared/import/text';

export const VIEWS_DIR = fileURLToPath(new URL('../../fixtures/views/', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(`${VIEWS_DIR}${name}`, 'utf8');
}

let order = 0;

/** A source record from a fixture file (front matter read for Markdown), or from text. */
export function sourceFrom(id: string, name: string, metadata: Partial<SourceMetadata> = {}, raw?: string): SourceRecord {
  const { body } = splitFrontMatter(raw ?? fixtureText(name));
  const snapshot = normaliseText(body);
  return {
    id,
    caseId: 'case-views',
    format: name.endsWith('.md') ? 'markdown' : 'text',
    text: snapshot.text,
    blocks: snapshot.blocks,
    sha256: '0'.repeat(64),
    fileName: name,
    byteLength: snapshot.text.length,
    importedAt: Date.UTC(2024, 3, 1) + order,
    metadata: { type: 'article-newspaper', title: snapshot.text.split('\n')[0] ?? name, ...metadata },
    revision: 0,
    order: order++,
  };
}

/** A passage over the first occurrence of `quote` in the source. */
export function passageOf(id: string, source: SourceRecord, quote: string): PassageRecord {
  const start = source.text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in ${source.id}`);
  const end = start + quote.length;
  return {
    id,
    caseId: source.caseId,
    sourceId: source.id,
    selectors: describeSelectors(source.text, start, end),
    tags: [],
    comment: '',
    locator: { kind: 'paragraph', value: (source.blocks.find((b) => b.start <= start && start <= b.end)?.n ?? 1) },
    anchor: 'exact',
    createdAt: 0,
    updatedAt: 0,
  };
}

export function claimOf(id: string, statement: string, evidence: [string, Stance][], extra: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id,
    caseId: 'case-views',
    statement,
    claimant: '',
    status: 'unverified',
    tags: [],
    note: '',
    evidence: evidence.map(([passageId, stance]) => ({ passageId, stance, addedAt: 0 })),
    statusLog: [],
    createdAt: Date.UTC(2024, 3, 2),
    updatedAt: Date.UTC(2024, 3, 2),
    ...extra,
  };
}
