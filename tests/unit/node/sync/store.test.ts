import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { main } from '../../../../node/sync/main';
import { DATABASE_FILE, SyncDatabase } from '../../../../node/sync/store';
import { parseInvitation } from '../../../../shared/sync/invitation';
import { tempDir } from './helpers';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((f) => f()));

function open(): { path: string; a: SyncDatabase; b: SyncDatabase } {
  const dir = tempDir('casefile-store-');
  const path = join(dir.path, DATABASE_FILE);
  const a = new SyncDatabase(path);
  const b = new SyncDatabase(path);
  cleanup.push(() => {
    a.close();
    b.close();
    dir.remove();
  });
  return { path, a, b };
}

/** A document as a server process holds it: loaded from the store, journaling every update. */
function load(db: SyncDatabase, name: string) {
  const { data, tracker } = db.loadDocument(name);
  const doc = new Y.Doc();
  if (data) Y.applyUpdate(doc, data);
  doc.on('update', (u: Uint8Array) => db.appendUpdate(name, u, tracker));
  return { doc, tracker, store: () => db.storeDocument(name, Y.encodeStateAsUpdate(doc), tracker) };
}

describe('the document store', () => {
  it('keeps journaled updates that were never stored', () => {
    const { a, path } = open();
    const one = load(a, 'case/x');
    one.doc.getText('t').insert(0, 'journaled only');
    const reopened = new SyncDatabase(path);
    cleanup.push(() => reopened.close());
    const again = load(reopened, 'case/x');
    expect(again.doc.getText('t').toString()).toBe('journaled only');
  });

  it('folds the journal into the document when storing', () => {
    const { a } = open();
    const one = load(a, 'case/x');
    for (const w of ['one ', 'two ', 'three ']) one.doc.getText('t').insert(one.doc.getText('t').length, w);
    one.store();
    expect(a.db.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 0 });
    expect(load(a, 'case/x').doc.getText('t').toString()).toBe('one two three ');
  });

  it('two instances storing the same document never drop each other’s updates', () => {
    const { a, b } = open();
    const one = load(a, 'note/x/n');
    const two = load(b, 'note/x/n');
    // Each instance receives different clients' edits (Redis would relay them, later).
    one.doc.getText('t').insert(0, 'from instance one. ');
    two.doc.getText('t').insert(0, 'from instance two. ');
    one.store();
    two.store(); // two's memory lacks one's edit: the store must merge what is on disk
    one.doc.getText('t').insert(0, 'more from one. ');
    one.store(); // and one must now merge two's store
    const fresh = load(a, 'note/x/n').doc.getText('t').toString();
    for (const part of ['from instance one. ', 'from instance two. ', 'more from one. ']) expect(fresh).toContain(part);
  });

  it('flushes every update to the disk with durability "always", else at checkpoints', () => {
    const dir = tempDir('casefile-store-');
    const always = new SyncDatabase(join(dir.path, 'a.sqlite'), 'always');
    const periodic = new SyncDatabase(join(dir.path, 'p.sqlite'));
    cleanup.push(() => (always.close(), periodic.close(), dir.remove()));
    expect(always.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(periodic.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    periodic.appendUpdate('case/x', Y.encodeStateAsUpdate(new Y.Doc()));
    periodic.checkpoint();
    // Every frame of the write-ahead log has been copied into the database (and both were fsynced).
    const [state] = periodic.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(state!.log).toBeGreaterThan(0);
    expect(state!.checkpointed).toBe(state!.log);
  });

  it('remembers invitations and their revocation', () => {
    const { a } = open();
    expect(a.registerCase('case-1', 1)).toBe(true);
    expect(a.registerCase('case-1', 2)).toBe(false);
    a.addToken({ id: 'tok-1', caseId: 'case-1', role: 'ro', issuedAt: 5, label: 'reviewer', expiresAt: 99 });
    expect(a.token('tok-1')).toEqual({ id: 'tok-1', caseId: 'case-1', role: 'ro', issuedAt: 5, label: 'reviewer', expiresAt: 99 });
    expect(a.revokeToken('tok-1', 7)).toBe(true);
    expect(a.revokeToken('tok-1', 8)).toBe(false);
    expect(a.tokens('case-1')[0]).toMatchObject({ revokedAt: 7 });
    expect(() => a.addToken({ id: 'tok-2', caseId: 'unknown-case', role: 'rw', issuedAt: 1 })).toThrow();
  });
});

describe('the command line', () => {
  it('invite prints an invitation the app can read, and revoke cancels it', async () => {
    const dir = tempDir('casefile-cli-');
    cleanup.push(() => dir.remove());
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const err = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    cleanup.push(() => (log.mockRestore(), err.mockRestore()));
    const env = {};
    const code = await main(['invite', '--case', 'case-7', '--role', 'ro', '--server', 'https://sync.example.org', '--expires', '7', '--data', dir.path], env, { version: 't' });
    expect(code).toBe(0);
    const link = lines.find((l) => l.startsWith('casefile://join'))!;
    const invitation = parseInvitation(link);
    expect(invitation).toMatchObject({ server: 'https://sync.example.org', caseId: 'case-7', role: 'ro' });
    expect(parseInvitation(lines.find((l) => l.startsWith('CFI1-'))!)).toEqual(invitation);
    const tokenId = /Invitation (\S+) \(read-only, until/u.exec(lines[0]!)![1]!;
    expect(await main(['revoke', tokenId, '--data', dir.path], env, { version: 't' })).toBe(0);
    expect(await main(['revoke', tokenId, '--data', dir.path], env, { version: 't' })).toBe(1);
    expect(lines.at(-1)).toContain('already revoked');
    expect(await main(['invite', '--data', dir.path], env, { version: 't' })).toBe(1);
    expect(lines.at(-1)).toContain('needs --case');
  });
});
