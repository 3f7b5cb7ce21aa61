import type { Stamps } from './types';

/**
 * Who changed a record last, and when: its `updatedBy`/`changedAt`, or,
 * while the record has not changed since it was created (the database then
 * stores only `createdBy`, to keep bulk writes small), its creator and its
 * creation time (`createdAt`, or `importedAt` for a source). `by` is
 * undefined for a record written before stamps existed.
 */
export function lastChange(record: Stamps & { createdAt?: number; importedAt?: number }): { by: string | undefined; at: number | undefined } {
  return {
    by: record.updatedBy ?? record.createdBy,
    at: record.changedAt ?? record.createdAt ?? record.importedAt,
  };
}
