/**
 * A source's immutable snapshot (its normalised text, blocks, sanitised
 * HTML, and for recognised text its OCR record) as a blob: sent once to the sync server, addressed by the SHA-256 of
 * these bytes, never as CRDT text. The case document keeps only the hash
 * (`snapshot` on the source record). The original file is a blob of its own,
 * addressed by the source's `sha256`.
 *
 * Format: UTF-8 JSON `{"v":1,"text":…,"blocks":[…],"html":…,"ocr":{…}}` with its
 * keys in that order (`html` and `ocr` only when the source has them), so the
 * same snapshot always gives the same bytes and the same hash. The OCR record
 * (engine, languages, a confidence per block, uncertain words as text ranges)
 * belongs here because its block indices and ranges point into this text.
 */
import { z } from 'zod';
import type { SourceBlock, SourceOcr } from '../domain/types';
import { MAX_SNAPSHOT_CHARS } from '../bundle/limits';
import { checkOcrFits, sourceBlock, sourceOcr } from '../bundle/schema';
import { addressed, type AddressedBlob } from './blob';

export interface SourceSnapshot {
  text: string;
  blocks: SourceBlock[];
  html?: string;
  ocr?: SourceOcr;
}

/** A snapshot blob that cannot be used; `message` is written for the user. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

const snapshotSchema = z
  .strictObject({
    v: z.literal(1),
    text: z.string().max(MAX_SNAPSHOT_CHARS),
    blocks: z.array(sourceBlock),
    html: z.string().max(MAX_SNAPSHOT_CHARS).optional(),
    ocr: sourceOcr.optional(),
  })
  .refine((s) => s.blocks.every((b) => b.end <= s.text.length), { error: 'a block goes past the end of the text', path: ['blocks'] })
  .superRefine((s, ctx) => checkOcrFits(s, ctx));

/** The OCR record with its keys in a fixed order, for canonical bytes. */
function canonicalOcr(ocr: SourceOcr): SourceOcr {
  return {
    engine: ocr.engine,
    version: ocr.version,
    languages: [...ocr.languages],
    model: ocr.model,
    pages: [...ocr.pages],
    blocks: ocr.blocks.map((b) => ({ index: b.index, confidence: b.confidence })),
    uncertain: ocr.uncertain.map((w) => ({ start: w.start, end: w.end, confidence: w.confidence })),
  };
}

export function encodeSnapshot(snapshot: SourceSnapshot): Uint8Array {
  const blocks = snapshot.blocks.map((b) => ({ start: b.start, end: b.end, n: b.n, kind: b.kind }));
  const json = {
    v: 1,
    text: snapshot.text,
    blocks,
    ...(snapshot.html === undefined ? {} : { html: snapshot.html }),
    ...(snapshot.ocr === undefined ? {} : { ocr: canonicalOcr(snapshot.ocr) }),
  };
  return new TextEncoder().encode(JSON.stringify(json));
}

/** Parse and check a snapshot blob. Throws a SnapshotError saying what is wrong. */
export function decodeSnapshot(bytes: Uint8Array): SourceSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new SnapshotError('A shared source’s text arrived damaged (it is not readable JSON). It will be fetched again.');
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    throw new SnapshotError(`A shared source’s text is not in a form this Casefile reads (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  }
  const { text, blocks, html, ocr } = parsed.data;
  return { text, blocks, ...(html === undefined ? {} : { html }), ...(ocr === undefined ? {} : { ocr }) };
}

/** The snapshot's bytes and their address. */
export function snapshotBlob(snapshot: SourceSnapshot): Promise<AddressedBlob> {
  return addressed(encodeSnapshot(snapshot));
}
