/**
 * Everything an import does with a file's bytes that needs no DOM: decoding
 * text in its encoding, normalising plain text, turning Markdown and Word
 * files into HTML, checking a Word file's inflated size, and preparing HTML
 * for the sanitiser (depth and element limits, hidden text, boilerplate,
 * MathML, chunking). It runs in the import worker (`import.worker.ts`), so a
 * 20 MB file or a hostile one never blocks the page; unit tests call it
 * directly.
 */
import { Marked } from 'marked';
import type { EncodingReport } from '../../shared/domain/types';
import { decodeSource } from '../../shared/import/encoding';
import { splitFrontMatter } from '../../shared/import/frontMatter';
import { prepareHtml, type PreparedHtml } from '../../shared/import/html/prepare';
import { sha256Hex } from '../../shared/domain/hash';
import type { MetadataHints } from '../../shared/import/metadata';
import { normaliseText, titleFromText, type TextSnapshot } from '../../shared/import/text';
import { docxToHtml } from './docx';

export type PrepareRequest =
  | { kind: 'text' | 'markdown' | 'html'; name: string; bytes: Uint8Array; encoding?: string; serverCharset?: string }
  | { kind: 'docx'; name: string; bytes: Uint8Array };

export type PreparedSource = (
  | { kind: 'text'; snapshot: TextSnapshot; title: string; titleFromFirstLine: boolean; encoding: EncodingReport }
  | { kind: 'markup'; prepared: PreparedHtml; encoding?: EncodingReport; frontMatter?: MetadataHints }
) & {
  /** SHA-256 of the original bytes, computed here because hashing 20 MB takes the page a long task. */
  sha256: string;
};

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface PrepareProgress {
  stage: 'decoding' | 'unpacking' | 'parsing';
}

/** GitHub-flavoured Markdown; raw HTML in it is left for the sanitiser to deal with. */
const markdown = new Marked({ gfm: true, breaks: false });

export async function prepareSource(request: PrepareRequest, onProgress: (progress: PrepareProgress) => void = () => {}): Promise<PreparedSource> {
  const [prepared, sha256] = await Promise.all([prepare(request, onProgress), sha256Hex(request.bytes)]);
  return { ...prepared, sha256 };
}

async function prepare(request: PrepareRequest, onProgress: (progress: PrepareProgress) => void): Promise<DistributiveOmit<PreparedSource, 'sha256'>> {
  if (request.kind === 'docx') {
    onProgress({ stage: 'unpacking' });
    const html = await docxToHtml(request.name, request.bytes);
    onProgress({ stage: 'parsing' });
    return { kind: 'markup', prepared: prepareHtml(request.name, html) };
  }
  onProgress({ stage: 'decoding' });
  const { text, report } = decodeSource(request.name, request.bytes, {
    markup: request.kind === 'html',
    ...(request.encoding ? { encoding: request.encoding } : {}),
    ...(request.serverCharset ? { serverCharset: request.serverCharset } : {}),
  });
  if (request.kind === 'text') {
    const snapshot = normaliseText(text);
    const { title, fromFirstLine } = titleFromText(snapshot.text, request.name);
    return { kind: 'text', snapshot, title, titleFromFirstLine: fromFirstLine, encoding: report };
  }
  onProgress({ stage: 'parsing' });
  if (request.kind === 'markdown') {
    const { body, hints } = splitFrontMatter(text);
    const html = markdown.parse(body, { async: false });
    return { kind: 'markup', prepared: prepareHtml(request.name, html), encoding: report, frontMatter: hints };
  }
  return { kind: 'markup', prepared: prepareHtml(request.name, text), encoding: report };
}
