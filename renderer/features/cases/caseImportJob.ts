/**
 * The work of the case import worker, apart from the worker's message port
 * so unit tests can drive it: check a bundle or backup completely (zip
 * structure, sizes, hashes, schemas, references; see shared/bundle/read.ts),
 * compare it with the profile, then write it through the repositories in one
 * chunked transaction with progress, which a cancel aborts. Nothing of this
 * runs on the page's main thread, so neither a zip bomb nor a 50,000-passage
 * case can freeze the app.
 */
import { readBackup } from '../../../shared/bundle/backup';
import { bundleRef } from '../../../shared/bundle/errors';
import type { BundleData } from '../../../shared/bundle/format';
import { englishText } from '../../../shared/i18n';
import { storageErrorMessage, storageErrorRef } from '../../db';
import { RepoError, asCopy, bundleConflict, ImportCancelled, importSize, readCaseBundle, writeImportedCases } from '../../db/repositories';
import type { CheckedCase, FromImportWorker, ImportSourceKind, ToImportWorker } from './caseImportProtocol';

export class CaseImportJob {
  private checked: { data: BundleData; conflict: CheckedCase['conflict'] }[] = [];
  private abort: AbortController | null = null;

  constructor(private readonly post: (message: FromImportWorker) => void) {}

  async handle(message: ToImportWorker): Promise<void> {
    if (message.type === 'cancel') {
      this.abort?.abort();
      return;
    }
    if (message.type === 'check') return this.check(message.kind, message.bytes);
    return this.write(message.copies);
  }

  private async check(kind: ImportSourceKind, bytes: Uint8Array): Promise<void> {
    try {
      let cases: BundleData[];
      if (kind === 'backup') {
        const result = await readBackup(bytes);
        if (!result.ok) return this.post({ type: 'refused', message: result.error.message, ...(result.error.detail ? { detail: result.error.detail } : {}) });
        cases = result.cases;
      } else {
        const result = await readCaseBundle(bytes);
        if (!result.ok) return this.post({ type: 'refused', message: result.error.message, ...(result.error.detail ? { detail: result.error.detail } : {}) });
        cases = [result.data];
      }
      this.checked = [];
      for (const data of cases) this.checked.push({ data, conflict: await bundleConflict(data) });
      this.post({
        type: 'checked',
        cases: this.checked.map(({ data, conflict }) => ({ id: data.case.id, name: data.case.name, conflict, records: importSize([data]) })),
      });
    } catch (error) {
      const detail = bundleRef('unreadable', { reason: error instanceof Error ? error.message : String(error) });
      this.post({ type: 'refused', message: englishText(detail), detail });
    }
  }

  private async write(copies: boolean): Promise<void> {
    const taken = (c: CheckedCase['conflict']) => c === 'case' || c === 'records';
    const cases = this.checked.flatMap(({ data, conflict }) => (!taken(conflict) ? [data] : copies ? [asCopy(data)] : []));
    const replacedTrash = this.checked.filter((c) => c.conflict === 'trash').map((c) => c.data.case.name);
    this.checked = [];
    this.abort = new AbortController();
    try {
      const stored = await writeImportedCases(cases, { signal: this.abort.signal, onProgress: ({ done, total }) => this.post({ type: 'progress', done, total }) });
      this.post({ type: 'written', cases: stored.map((c) => ({ id: c.id, name: c.name })), replacedTrash });
    } catch (error) {
      if (error instanceof ImportCancelled) this.post({ type: 'cancelled' });
      else if (error instanceof RepoError) this.post({ type: 'failed', message: error.message, ...(error.detail ? { detail: error.detail } : {}), known: true });
      else this.post({ type: 'failed', message: storageErrorMessage(error), detail: storageErrorRef(error), known: false });
    } finally {
      this.abort = null;
    }
  }
}
