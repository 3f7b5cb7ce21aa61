/** Messages between the page and the extraction worker (extract.worker.ts). */
import type { SourceDates } from '../../../shared/chronology/timeline';
import type { SourceRecord } from '../../../shared/domain/types';
import type { SourceEntities } from '../../../shared/entities/extract';

/** What the worker needs of a source. */
export type ExtractionJob = Pick<SourceRecord, 'id' | 'revision' | 'text' | 'blocks' | 'metadata' | 'fetched' | 'importedAt'>;

export type ToExtractionWorker = { type: 'extract'; jobs: ExtractionJob[] };

export type FromExtractionWorker =
  | { type: 'result'; sourceId: string; revision: number; dates: SourceDates; entities: SourceEntities; ms: number }
  | { type: 'failed'; sourceId: string; revision: number; message: string };
