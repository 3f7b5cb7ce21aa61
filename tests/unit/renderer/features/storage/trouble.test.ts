import { describe, expect, it } from 'vitest';
import { CLOSED_BY_OTHER_WINDOW, STORAGE_FULL_MESSAGE } from '../../../../../renderer/db/db';
import { clearStorageTrouble, currentStorageTrouble, onStorageTrouble, reportSaveFailure } from '../../../../../renderer/features/storage/trouble';
import { collectUnsaved, registerUnsaved } from '../../../../../renderer/lib/unsaved';

describe('storage trouble', () => {
  it('reports a full disk, clears it when a save goes through, and never lets a closed database clear', () => {
    const seen: Array<string | null> = [];
    const unsubscribe = onStorageTrouble((t) => seen.push(t?.kind ?? null));
    expect(reportSaveFailure(new Error('a bug, not storage'))).toBe(false);
    expect(reportSaveFailure({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(currentStorageTrouble().trouble).toEqual({ kind: 'full', message: STORAGE_FULL_MESSAGE });
    const reports = currentStorageTrouble().reports;
    // Every failed save is a new report, so a message put aside comes back.
    reportSaveFailure(new DOMException('full', 'QuotaExceededError'));
    expect(currentStorageTrouble().reports).toBe(reports + 1);
    clearStorageTrouble();
    expect(currentStorageTrouble().trouble).toBeNull();
    expect(reportSaveFailure({ name: 'DatabaseClosedError' })).toBe(true);
    reportSaveFailure(new DOMException('full', 'QuotaExceededError'));
    clearStorageTrouble();
    expect(currentStorageTrouble().trouble).toEqual({ kind: 'closed', message: CLOSED_BY_OTHER_WINDOW });
    expect(seen).toEqual(['full', 'full', null, 'closed']);
    unsubscribe();
  });

  it('collects only unsaved, non-blank text from the editors that have some', () => {
    const off = [
      registerUnsaved(() => ({ title: 'Brief', text: 'Typed but not stored.' })),
      registerUnsaved(() => null),
      registerUnsaved(() => ({ title: 'Blank', text: '  ' })),
    ];
    expect(collectUnsaved()).toEqual([{ title: 'Brief', text: 'Typed but not stored.' }]);
    off.forEach((unregister) => unregister());
    expect(collectUnsaved()).toEqual([]);
  });
});
