/**
 * The change log: one Dexie DBCore middleware that every mutation of every
 * table passes, whoever calls it (a repository, an upgrade-free import worker,
 * a future sync layer). For each write it
 *
 *   - stamps the records of a case (`Stamps` in shared/domain/types.ts):
 *     `createdBy` on a new record, `updatedBy` and `changedAt` whenever a
 *     field really changes afterwards, and `deletedAt: 0` on a live record,
 *     so the compound indexes that leave tombstones out always see it;
 *   - appends to the `changes` table, in the SAME IndexedDB transaction, one
 *     entry per request and case: an auto-increment `seq` (IndexedDB's key
 *     generator never goes back, so "everything after seq N" is exact), the
 *     table, the operation, the keys, the top-level fields each put changed,
 *     the time, the actor and the origin of the write.
 *
 * One entry per request, not per record: a bulk write of 1,000 passages adds
 * one log record listing 1,000 keys, so the log costs O(requests), not
 * O(records), and P4-write stays within its budget.
 *
 * The origin ('local' by default) says who asked: a sync layer applies remote
 * changes under 'sync' and skips those entries when it sends, so nothing it
 * received is ever echoed back. Incoming stamps are kept for 'sync' and
 * 'import' writes; local writes are stamped with the local actor.
 *
 * Writes during a schema upgrade (the versionchange transaction) pass through
 * unlogged: an upgrade rewrites every record and sets its stamps itself.
 *
 * A 'local' write to a case locked read-only (caseLocks.ts) is refused here,
 * before anything is written, which aborts its whole transaction: the tracked
 * tables' records and the case views' (VIEW_TABLES), which a team case shares too.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { ChangeOp, ChangeOrigin, ChangeRecord } from './changeTypes';
import { CHANGES_TABLE, TRACKED_TABLES, VIEW_TABLES } from './changeTypes';
import { anyCaseLocked, caseLockError, VIEW_FIELDS } from './caseLocks';

/** Fields the middleware maintains itself; a put that differs only in these changed nothing. */
const STAMP_FIELDS = new Set(['createdBy', 'updatedBy', 'changedAt']);

/** The origin of each IndexedDB transaction that was given one (see `runWithOrigin`). */
const origins = new WeakMap<object, ChangeOrigin>();

/** Tag an IndexedDB transaction with the origin of its writes. */
export function setTransactionOrigin(trans: object, origin: ChangeOrigin): void {
  origins.set(trans, origin);
}

type Row = Record<string, unknown>;

function isVersionChange(trans: DBCoreTransaction): boolean {
  return (trans as unknown as { mode?: string }).mode === 'versionchange';
}

/** Structural equality for stored values (plain data, arrays, typed arrays). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((item, i) => same(item, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same((a as Row)[k], (b as Row)[k]));
}

/** The top-level fields that differ, stamps left out. */
function changedFields(before: Row, after: Row): string[] {
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!STAMP_FIELDS.has(key) && !same(before[key], after[key])) fields.push(key);
  }
  return fields;
}

interface Stamper {
  actor: string;
  now: number;
  /** Keep the stamps a value arrives with (sync, import) rather than stamping it as ours. */
  keepIncoming: boolean;
  tracked: boolean;
}

/**
 * A new record, live. Its creator is who wrote it (or who it arrived with);
 * `updatedBy`/`changedAt` stay absent while the creation is its last change
 * (`lastChange` in shared/domain/stamps.ts reads them that way): a bulk write
 * of 10,000 passages then stores one stamp per record, not three.
 */
function stampNew(value: Row, s: Stamper): Row {
  if (!s.tracked) return value;
  const next: Row = { ...value, deletedAt: typeof value.deletedAt === 'number' ? value.deletedAt : 0 };
  if (s.keepIncoming) {
    if (typeof next.createdBy !== 'string') next.createdBy = s.actor;
    return next;
  }
  if (typeof next.createdBy !== 'string') next.createdBy = s.actor;
  if (next.createdBy === s.actor) {
    delete next.updatedBy;
    delete next.changedAt;
  } else {
    // Someone else's record, added here (a restored copy, say): we are its last writer.
    next.updatedBy = s.actor;
    next.changedAt = s.now;
  }
  return next;
}

/** A put over an existing record: stamps move only when a field really changed. */
function stampChange(value: Row, old: Row, fields: string[], s: Stamper): Row {
  if (!s.tracked) return value;
  const next: Row = {
    ...value,
    deletedAt: typeof value.deletedAt === 'number' ? value.deletedAt : typeof old.deletedAt === 'number' ? old.deletedAt : 0,
  };
  const creator = typeof value.createdBy === 'string' ? value.createdBy : old.createdBy;
  if (typeof creator === 'string') next.createdBy = creator;
  else next.createdBy = s.actor;
  const keep = s.keepIncoming && typeof value.updatedBy === 'string';
  if (s.keepIncoming && !keep && fields.length > 0) {
    // A synced or imported record without a last-change stamp was not changed since its creation, wherever it comes from.
    delete next.updatedBy;
    delete next.changedAt;
  } else if (fields.length === 0) {
    // Nothing changed: the stored stamps stand (or their absence, for a record not changed since it was created).
    if (old.updatedBy === undefined) delete next.updatedBy;
    else next.updatedBy = old.updatedBy;
    if (old.changedAt === undefined) delete next.changedAt;
    else next.changedAt = old.changedAt;
  } else {
    next.updatedBy = keep ? value.updatedBy : s.actor;
    next.changedAt = keep && typeof value.changedAt === 'number' ? value.changedAt : s.now;
  }
  return next;
}

/** What one request did, grouped by case so a per-case feed reads only its own entries. */
class Entries {
  private readonly byCase = new Map<string | undefined, { keys: unknown[]; fields: (string[] | null)[] }>();
  constructor(
    private readonly table: string,
    private readonly op: ChangeOp,
  ) {}

  add(key: unknown, caseId: string | undefined, fields: string[] | null): void {
    let group = this.byCase.get(caseId);
    if (!group) this.byCase.set(caseId, (group = { keys: [], fields: [] }));
    group.keys.push(key);
    group.fields.push(fields);
  }

  records(base: { at: number; actor: string; origin: ChangeOrigin }): ChangeRecord[] {
    return [...this.byCase].map(([caseId, group]) => ({
      table: this.table,
      op: this.op,
      keys: group.keys as ChangeRecord['keys'],
      ...(this.op === 'put' ? { fields: group.fields } : {}),
      ...(caseId !== undefined ? { caseId } : {}),
      ...base,
    }));
  }
}

function caseOf(table: string, key: unknown, value: Row | undefined): string | undefined {
  if (table === 'cases') return typeof key === 'string' ? key : undefined;
  const caseId = value?.caseId;
  return typeof caseId === 'string' ? caseId : undefined;
}

/** The refusal when a local write would change a read-only case's records; `fields` null for a new record. */
function lockedWrite(name: string, key: unknown, value: Row | undefined, fields: string[] | null): Error | null {
  const error = caseLockError(caseOf(name, key, value));
  if (!error) return null;
  const view = VIEW_FIELDS[name];
  return fields !== null && view && fields.every((f) => view.has(f)) ? null : error;
}

/**
 * The middleware. `actorId` names the local actor (loaded when the database
 * opens); writes before that are stamped 'unknown'.
 */
export function changeLogMiddleware(actorId: () => string | null): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'CasefileChangeLog',
    create(down) {
      const hasLog = down.schema.tables.some((t) => t.name === CHANGES_TABLE);
      const log = (trans: DBCoreTransaction, records: ChangeRecord[]) =>
        records.length === 0 ? Promise.resolve() : down.table(CHANGES_TABLE).mutate({ type: 'add', trans, values: records }).then(() => undefined);

      function mutate(table: DBCoreTable, name: string, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
        if (!hasLog || isVersionChange(req.trans)) return table.mutate(req);
        const origin = origins.get(req.trans) ?? 'local';
        const base = { at: Date.now(), actor: actorId() ?? 'unknown', origin };
        const s: Stamper = { actor: base.actor, now: base.at, keepIncoming: origin === 'sync' || origin === 'import', tracked: TRACKED_TABLES.has(name) };
        const extractKey = table.schema.primaryKey.extractKey;
        const ok = (res: DBCoreMutateResponse, i: number) => !(i in res.failures);
        const guard = origin === 'local' && (s.tracked || VIEW_TABLES.has(name)) && anyCaseLocked();

        switch (req.type) {
          case 'add': {
            if (guard) {
              const refused = req.values.map((v: Row, i) => lockedWrite(name, req.keys?.[i] ?? extractKey?.(v), v, null)).find(Boolean);
              if (refused) return Promise.reject(refused);
            }
            const values = req.values.map((v: Row) => stampNew(v, s));
            return table.mutate({ ...req, values }).then((res) => {
              const entries = new Entries(name, 'add');
              values.forEach((value, i) => {
                if (ok(res, i)) entries.add(res.results?.[i] ?? req.keys?.[i] ?? extractKey?.(value), caseOf(name, res.results?.[i], value), null);
              });
              return log(req.trans, entries.records(base)).then(() => res);
            });
          }
          case 'put': {
            if (req.values.length === 0) return table.mutate(req);
            const keys = req.keys ?? req.values.map((v) => extractKey!(v));
            return table.getMany({ trans: req.trans, keys, cache: 'immutable' }).then((olds: (Row | undefined)[]) => {
              const fields: (string[] | null)[] = [];
              const values = req.values.map((value: Row, i) => {
                const old = olds[i];
                if (!old) {
                  fields.push(null);
                  return stampNew(value, s);
                }
                const changed = changedFields(old, value);
                fields.push(changed);
                return stampChange(value, old, changed, s);
              });
              if (guard) {
                const refused = values.map((value, i) => (fields[i]?.length === 0 ? null : lockedWrite(name, keys[i], value, fields[i]!))).find(Boolean);
                if (refused) throw refused;
              }
              return table.mutate({ ...req, values }).then((res) => {
                // A put of a record that was not there is an add, to whoever reads the log.
                const added = new Entries(name, 'add');
                const changed = new Entries(name, 'put');
                values.forEach((value, i) => {
                  const f = fields[i]!;
                  if (!ok(res, i)) return;
                  if (f === null) added.add(keys[i], caseOf(name, keys[i], value), null);
                  else if (f.length > 0) changed.add(keys[i], caseOf(name, keys[i], value), f);
                });
                return log(req.trans, [...added.records(base), ...changed.records(base)]).then(() => res);
              });
            });
          }
          case 'delete': {
            return table.getMany({ trans: req.trans, keys: req.keys }).then((olds: (Row | undefined)[]) => {
              const refused = guard ? req.keys.map((key, i) => (olds[i] ? lockedWrite(name, key, olds[i], null) : null)).find(Boolean) : null;
              if (refused) throw refused;
              return table.mutate(req).then((res) => {
                const entries = new Entries(name, 'delete');
                req.keys.forEach((key, i) => {
                  if (olds[i] !== undefined) entries.add(key, caseOf(name, key, olds[i]), null);
                });
                return log(req.trans, entries.records(base)).then(() => res);
              });
            });
          }
          case 'deleteRange': {
            const index = table.schema.primaryKey;
            return table.query({ trans: req.trans, values: true, query: { index, range: req.range } }).then(({ result }) => {
              const refused = guard ? (result as Row[]).map((value) => lockedWrite(name, extractKey!(value), value, null)).find(Boolean) : null;
              if (refused) throw refused;
              return table.mutate(req).then((res) => {
                const entries = new Entries(name, 'delete');
                for (const value of result as Row[]) {
                  const key = extractKey!(value);
                  entries.add(key, caseOf(name, key, value), null);
                }
                return log(req.trans, entries.records(base)).then(() => res);
              });
            });
          }
        }
      }

      return {
        ...down,
        // Every read-write transaction also holds the log, so each write and its entry commit (or fail) together.
        transaction(stores, mode, options) {
          const withLog = hasLog && mode === 'readwrite' && !stores.includes(CHANGES_TABLE) ? [...stores, CHANGES_TABLE] : stores;
          return down.transaction(withLog, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name === CHANGES_TABLE) return table;
          return { ...table, mutate: (req: DBCoreMutateRequest) => mutate(table, name, req) };
        },
      };
    },
  };
}
