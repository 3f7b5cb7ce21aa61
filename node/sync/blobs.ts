import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { isValidId, SHA256_PATTERN } from '../../shared/sync/names';
import type { SyncRefusalReason } from '../../shared/sync/refusal';

/**
 * Immutable blobs in the data folder, `blobs/<caseId>/<sha256>`: a source's
 * original file and its snapshot, each sent once. What arrives is hashed as it
 * is written to a temporary file; only bytes whose SHA-256 is their name are
 * moved into place (fsync, then rename), so a blob is either whole and right
 * or absent. A blob that is already there is never written again.
 */

export class BlobError extends Error {
  override name = 'BlobError';

  constructor(
    readonly code: 'too-large' | 'hash-mismatch' | 'bad-request',
    message: string,
    /** The refusal's stable name for the app, when it is one the app shows (shared/sync/refusal.ts). */
    readonly why?: SyncRefusalReason,
    readonly param?: string,
  ) {
    super(message);
  }
}

export class BlobStore {
  constructor(private readonly dir: string) {}

  private folder(caseId: string): string {
    if (!isValidId(caseId)) throw new BlobError('bad-request', 'Not a valid case ID.');
    // IDs may hold ":", which some file systems refuse in names.
    return join(this.dir, encodeURIComponent(caseId));
  }

  path(caseId: string, sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new BlobError('bad-request', 'A blob is named by the lower-case hex SHA-256 of its bytes.');
    return join(this.folder(caseId), sha256);
  }

  async size(caseId: string, sha256: string): Promise<number | null> {
    try {
      return (await stat(this.path(caseId, sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  read(caseId: string, sha256: string): ReadStream {
    return createReadStream(this.path(caseId, sha256));
  }

  /**
   * Receive a blob. Resolves 'exists' when it was already stored (the body is
   * not read), 'created' when stored now; rejects with a BlobError when the
   * body is larger than `maxBytes` or its hash is not `sha256`.
   */
  async put(caseId: string, sha256: string, body: Readable, maxBytes: number): Promise<'created' | 'exists'> {
    const final = this.path(caseId, sha256);
    if ((await this.size(caseId, sha256)) !== null) return 'exists';
    await mkdir(this.folder(caseId), { recursive: true });
    const temp = `${final}.${randomBytes(6).toString('hex')}.part`;
    const hash = createHash('sha256');
    let received = 0;
    const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    try {
      await new Promise<void>((resolve, reject) => {
        out.on('error', reject);
        body.on('error', reject);
        body.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) {
            body.pause();
            reject(new BlobError('too-large', `This file is larger than the server accepts (${Math.round(maxBytes / 2 ** 20)} MB).`, 'blob-too-large', String(Math.round(maxBytes / 2 ** 20))));
            return;
          }
          hash.update(chunk);
          if (!out.write(chunk)) {
            body.pause();
            out.once('drain', () => body.resume());
          }
        });
        body.on('end', () => out.end(() => resolve()));
      });
      const digest = hash.digest('hex');
      if (digest !== sha256) {
        throw new BlobError('hash-mismatch', 'The file that arrived is not the one named: its SHA-256 differs, so it was damaged on the way or is a different file. Nothing was stored.', 'hash-mismatch');
      }
      const handle = await open(temp, 'r');
      await handle.sync();
      await handle.close();
      await rename(temp, final);
      await syncFolder(this.folder(caseId));
      return 'created';
    } finally {
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once('close', () => resolve()));
      await rm(temp, { force: true });
    }
  }
}

/** Make a rename durable: fsync the folder (not possible on Windows, where rename is durable enough). */
async function syncFolder(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
