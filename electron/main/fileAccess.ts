/**
 * Reading and writing the user's files in the main process. Only bytes and names cross
 * the bridge; paths stay here. Failures become host refusals (shared/ipc/hostRefusals.ts): a code
 * and the variables of a sentence a person can act on, shown in the UI's language, and a write either lands completely or not at all.
 */
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { safeFileStem } from '../../shared/domain/fileName';
import { refusal } from '../../shared/ipc/hostRefusals';
import { HandlerError } from './ipc';

/** Largest file Casefile opens: far above any document a person reads, far below memory trouble. */
export const MAX_OPEN_BYTES = 20 * 1024 * 1024;

/**
 * Largest `.casefile` bundle Casefile opens: a case with its original files
 * (PDFs, scans) is far bigger than any single document. The bundle reader
 * then applies its own limits to what the zip would unpack to.
 */
export const MAX_BUNDLE_OPEN_BYTES = 512 * 1024 * 1024;

/** The read cap for a file: bundles get theirs, everything else `MAX_OPEN_BYTES`. */
export function openCapFor(filePath: string): number {
  return filePath.toLowerCase().endsWith('.casefile') ? MAX_BUNDLE_OPEN_BYTES : MAX_OPEN_BYTES;
}

/**
 * Turn a Node file-system error into a specific refusal about the named file: its error code has words of
 * its own for the common causes (hostError.fileReason), else the system's text is the detail.
 */
export function fileSystemError(action: 'read' | 'save', fileName: string, error: unknown): HandlerError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const detail = error instanceof Error ? error.message : '';
  return refusal(`${action}-failed`, { name: fileName, errno, detail }, { cause: error });
}

function tooLarge(fileName: string, size: number, maxBytes: number): HandlerError {
  return refusal('too-large:file', { name: fileName, bytes: size, limit: maxBytes });
}

/**
 * Read a whole file, refusing it before reading when it exceeds `maxBytes`, and reading at
 * most `maxBytes + 1` bytes so a file that grows while being read is still refused.
 */
export async function readFileCapped(filePath: string, maxBytes: number = MAX_OPEN_BYTES): Promise<Uint8Array> {
  const fileName = path.basename(filePath);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    throw fileSystemError('read', fileName, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw refusal('not-a-file', { name: fileName });
    if (stats.size > maxBytes) throw tooLarge(fileName, stats.size, maxBytes);

    const buffer = new Uint8Array(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge(fileName, filled, maxBytes);
    return buffer.slice(0, filled);
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    throw fileSystemError('read', fileName, error);
  } finally {
    await handle.close();
  }
}

/**
 * Write `bytes` to `filePath` through a temporary sibling and a rename, so an interrupted
 * save (full disk, crash) leaves the previous file intact instead of a truncated one.
 */
export async function writeFileAtomically(filePath: string, bytes: Uint8Array): Promise<void> {
  const fileName = path.basename(filePath);
  const temporary = path.join(path.dirname(filePath), `.${fileName}.${process.pid}.${Date.now()}.casefile-tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, filePath);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileSystemError('save', fileName, error);
  }
}

/**
 * Reduce a name suggested by the renderer to a bare file name, so it can only pre-fill the
 * save dialog, never point it at another folder.
 */
export function toSafeFileName(suggested: string): string {
  return safeFileStem(suggested.split(/[/\\]/).pop() ?? '', 'Untitled');
}
