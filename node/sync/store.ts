import BetterSqlite3 from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import * as Y from 'yjs';
import type { Role } from '../../shared/sync/token';

/**
 * The sync server's SQLite database (one file in the data folder, shared by
 * every instance that shares the folder):
 *
 *   documents  name → the document's state (a Yjs update), rev (bumped per store)
 *   updates    the journal: every update a client sent, written before the
 *              server acknowledges it, until a store folds it into `documents`
 *   cases      the cases shared on this server
 *   tokens     every invitation issued (never the token itself: its ID, case,
 *              role, label, expiry and whether it was revoked)
 *
 * Why a journal: Hocuspocus acknowledges an update as soon as it is applied in
 * memory, and stores documents on a debounce (2 s, at most 10 s). A server
 * killed in between would lose edits it had acknowledged. Each update is
 * therefore appended here, synchronously (better-sqlite3), from the document's
 * update event, which runs before the acknowledgement is sent.
 *
 * How durable (`durability`):
 * - 'periodic' (default): the row is in SQLite's write-ahead log, handed to
 *   the operating system, before the acknowledgement. A crashed or killed
 *   server process loses nothing it acknowledged. The log is flushed to the
 *   disk (a checkpoint, one fsync) at most a second later, so only a crash of
 *   the whole machine can lose the last second, and the clients, which keep
 *   everything locally, send it again when they reconnect.
 * - 'always': every row is fsynced before the acknowledgement. Survives a
 *   power cut too, at one disk flush per keystroke; on a busy disk a flush can
 *   take tens of milliseconds, and they are paid on the event loop.
 */

export type Durability = 'periodic' | 'always';

export const SCHEMA = `
PRAGMA journal_mode = WAL;
PRAGMA busy_timeout = 5000;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL, rev INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS updates_by_name ON updates (name, id);
CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  role TEXT NOT NULL CHECK (role IN ('rw', 'ro')),
  label TEXT,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER,
  issued_by TEXT
);
CREATE INDEX IF NOT EXISTS tokens_by_case ON tokens (case_id);
`;

/** What this process knows about a loaded document's rows, to store it without a merge when nobody else wrote. */
export interface DocumentTracker {
  /** `documents.rev` when loaded or last stored by us. */
  rev: number;
  /** The journal's sequence when loaded: rows above it that are not ours came from another instance. */
  loadedSeq: number;
  /** Journal rows this process wrote for the document and has not folded in yet. */
  own: Set<number>;
  /** Once another writer was seen, every store merges with what is on disk. */
  merging: boolean;
}

export interface TokenRow {
  id: string;
  caseId: string;
  role: Role;
  label?: string;
  issuedAt: number;
  expiresAt?: number;
  revokedAt?: number;
}

interface DbTokenRow {
  id: string;
  case_id: string;
  role: Role;
  label: string | null;
  issued_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

function toTokenRow(r: DbTokenRow): TokenRow {
  return {
    id: r.id,
    caseId: r.case_id,
    role: r.role,
    issuedAt: r.issued_at,
    ...(r.label === null ? {} : { label: r.label }),
    ...(r.expires_at === null ? {} : { expiresAt: r.expires_at }),
    ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
  };
}

export const DATABASE_FILE = 'casefile-sync.sqlite';

export class SyncDatabase {
  readonly db: BetterSqlite3.Database;
  private readonly q;

  /** True when rows were written since the last checkpoint. */
  private dirty = false;

  constructor(path: string, durability: Durability = 'periodic') {
    // Created readable by the owner only; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(path, 'a', 0o600));
    this.db = new BetterSqlite3(path);
    this.db.exec(SCHEMA);
    this.db.pragma(`synchronous = ${durability === 'always' ? 'FULL' : 'NORMAL'}`);
    const db = this.db;
    this.q = {
      doc: db.prepare<[string], { data: Buffer; rev: number }>('SELECT data, rev FROM documents WHERE name = ?'),
      rows: db.prepare<[string], { id: number; data: Buffer }>('SELECT id, data FROM updates WHERE name = ? ORDER BY id'),
      seq: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'updates'"),
      append: db.prepare<[string, Uint8Array]>('INSERT INTO updates (name, data) VALUES (?, ?)'),
      upsert: db.prepare<[string, Uint8Array, number]>('INSERT INTO documents (name, data, rev) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data, rev = excluded.rev'),
      fold: db.prepare<[string, number]>('DELETE FROM updates WHERE name = ? AND id <= ?'),
      addCase: db.prepare<[string, number]>('INSERT INTO cases (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'),
      hasCase: db.prepare<[string], { id: string }>('SELECT id FROM cases WHERE id = ?'),
      addToken: db.prepare<[string, string, Role, string | null, number, number | null, string | null]>(
        'INSERT INTO tokens (id, case_id, role, label, issued_at, expires_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      token: db.prepare<[string], DbTokenRow>('SELECT * FROM tokens WHERE id = ?'),
      tokens: db.prepare<[string], DbTokenRow>('SELECT * FROM tokens WHERE case_id = ? ORDER BY issued_at, id'),
      revoke: db.prepare<[number, string]>('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    };
  }

  // ------------------------------------------------------------ documents

  /** A document's state (stored state plus its journal) and a tracker for it; null data for a new document. */
  loadDocument(name: string): { data: Uint8Array | null; tracker: DocumentTracker } {
    return this.db.transaction(() => {
      const row = this.q.doc.get(name);
      const rows = this.q.rows.all(name);
      const parts = [...(row ? [row.data] : []), ...rows.map((r) => r.data)];
      const data = parts.length === 0 ? null : parts.length === 1 ? new Uint8Array(parts[0]!) : Y.mergeUpdates(parts);
      return { data, tracker: { rev: row?.rev ?? 0, loadedSeq: this.q.seq.get()?.seq ?? 0, own: new Set<number>(), merging: false } };
    })();
  }

  /** Append one update to the journal (durable when this returns). */
  appendUpdate(name: string, update: Uint8Array, tracker?: DocumentTracker): void {
    const { lastInsertRowid } = this.q.append.run(name, update);
    tracker?.own.add(Number(lastInsertRowid));
    this.dirty = true;
  }

  /** Flush the write-ahead log to the disk if anything was written since the last time (one fsync). */
  checkpoint(): void {
    if (!this.dirty || !this.db.open) return;
    this.dirty = false;
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /**
   * Store a loaded document's state (`Y.encodeStateAsUpdate` of it) and fold
   * its journal into it, in one transaction.
   * When another writer touched the document since we loaded it (a second
   * instance sharing the folder), what is on disk is merged in, so no
   * instance's store can drop another's acknowledged updates.
   */
  storeDocument(name: string, state: Uint8Array, tracker: DocumentTracker): void {
    this.db
      .transaction(() => {
        const row = this.q.doc.get(name);
        const rows = this.q.rows.all(name);
        const foreign = (row?.rev ?? 0) !== tracker.rev || rows.some((r) => r.id > tracker.loadedSeq && !tracker.own.has(r.id));
        if (foreign) tracker.merging = true;
        const data = tracker.merging ? Y.mergeUpdates([...(row ? [row.data] : []), ...rows.map((r) => r.data), state]) : state;
        const rev = (row?.rev ?? 0) + 1;
        this.q.upsert.run(name, data, rev);
        const folded = rows.length === 0 ? 0 : rows[rows.length - 1]!.id;
        if (folded > 0) this.q.fold.run(name, folded);
        tracker.rev = rev;
        for (const id of tracker.own) if (id <= folded) tracker.own.delete(id);
      })
      .immediate();
  }

  // ------------------------------------------------------------ cases and tokens

  /** Register a case; false when it is already shared here. */
  registerCase(caseId: string, now: number): boolean {
    return this.q.addCase.run(caseId, now).changes === 1;
  }

  hasCase(caseId: string): boolean {
    return this.q.hasCase.get(caseId) !== undefined;
  }

  addToken(row: Omit<TokenRow, 'revokedAt'> & { issuedBy?: string }): void {
    this.q.addToken.run(row.id, row.caseId, row.role, row.label ?? null, row.issuedAt, row.expiresAt ?? null, row.issuedBy ?? null);
  }

  token(tokenId: string): TokenRow | undefined {
    const r = this.q.token.get(tokenId);
    return r ? toTokenRow(r) : undefined;
  }

  tokens(caseId: string): TokenRow[] {
    return this.q.tokens.all(caseId).map(toTokenRow);
  }

  /** Revoke an invitation; false when there was no such (unrevoked) one. */
  revokeToken(tokenId: string, now: number): boolean {
    return this.q.revoke.run(now, tokenId).changes === 1;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
