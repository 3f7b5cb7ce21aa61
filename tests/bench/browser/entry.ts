/**
 * The app's own highlight painter and database class, bundled for the page so
 * browser benchmarks measure the real code on the real reader DOM.
 */
import { clearHighlights, paintHighlights } from '../../../renderer/reader/highlights';
import { offsetsToRange } from '../../../renderer/reader/offsets';
import Dexie from 'dexie';
import { CasefileDB } from '../../../renderer/db/db';
import { DB_VERSIONS } from '../../../renderer/db/versions';

/** The database as schema version 1 had it: the same tables and indexes, no change log, no stamps (the P4-log peer). */
class VersionOneDB extends Dexie {
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(DB_VERSIONS[0]!.stores);
  }
}

(window as unknown as { __casefileBench: unknown }).__casefileBench = { paintHighlights, clearHighlights, offsetsToRange, CasefileDB, VersionOneDB };
