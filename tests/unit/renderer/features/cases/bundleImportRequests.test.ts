import { describe, expect, it, vi } from 'vitest';
import { isBundleFile, onBundleImportRequest, requestBundleImport } from '../../../../../renderer/features/cases/bundleImport';

const file = (name: string) => ({ name, bytes: new Uint8Array([1]) });

describe('bundle import requests (drop on the window, OS open)', () => {
  it('tells bundle files from others by extension', () => {
    expect(isBundleFile('Harbour.casefile')).toBe(true);
    expect(isBundleFile('notes.txt')).toBe(false);
  });

  it('holds requests made before the case list listens, then delivers them once, in order', () => {
    requestBundleImport(file('a.casefile'));
    requestBundleImport(file('b.casefile'));
    const listener = vi.fn();
    const off = onBundleImportRequest(listener);
    expect(listener.mock.calls.map(([f]) => f.name)).toEqual(['a.casefile', 'b.casefile']);
    requestBundleImport(file('c.casefile'));
    expect(listener).toHaveBeenCalledTimes(3);
    off();
    const later = vi.fn();
    const offLater = onBundleImportRequest(later);
    expect(later).not.toHaveBeenCalled();
    offLater();
  });
});
