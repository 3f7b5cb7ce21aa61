import { describe, expect, it, vi } from 'vitest';
import { createElectronPlatform } from '../../../../renderer/platform/electron';
import { createWebPlatform } from '../../../../renderer/platform/web';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import type { CasefileBridge } from '../../../../shared/ipc/contract';
import type { RefusedError } from '../../../../shared/ipc/refusal';

const info = { name: 'casefile-backup-20261129T021500Z.cfbackup', createdAt: Date.UTC(2026, 10, 29, 2, 15), size: 1234, cases: 2 };

function bridge(answers: Record<string, unknown>): CasefileBridge & { invoke: ReturnType<typeof vi.fn> } {
  return {
    invoke: vi.fn(async (channel: string) => answers[channel] ?? { ok: false, error: { code: 'unsupported', message: `no ${channel}` } }),
    onMenu: () => () => undefined,
    onOpenFile: () => () => undefined,
  } as never;
}

describe('platform backups', () => {
  it('go through the cf:backup channels in the desktop app', async () => {
    const bytes = new Uint8Array([80, 75]);
    const host = bridge({
      'cf:backup:write': { ok: true, value: info },
      'cf:backup:list': { ok: true, value: [info] },
      'cf:backup:read': { ok: true, value: bytes },
    });
    const backups = createElectronPlatform(host).backups;
    expect(backups).not.toBeNull();
    expect(await backups?.write(bytes, 'daily')).toEqual(info);
    expect(host.invoke).toHaveBeenCalledWith('cf:backup:write', { bytes, reason: 'daily' });
    expect(await backups?.list()).toEqual([info]);
    expect(await backups?.read(info.name)).toBe(bytes);
    expect(host.invoke).toHaveBeenCalledWith('cf:backup:read', { name: info.name });
  });

  it('turn a refusal into an Error carrying the host’s sentence', async () => {
    const host = bridge({ 'cf:backup:read': { ok: false, error: { code: 'not-found', message: 'The backup “x” is no longer there.' } } });
    await expect(createElectronPlatform(host).backups?.read('x')).rejects.toThrow('The backup “x” is no longer there.');
  });

  it('turn a refusal the app knows into an error the UI shows in its language, and open and save files likewise', async () => {
    const gone = { code: 'not-found:backup', message: 'The backup “x” is no longer there.', values: { name: 'x' } };
    const host = bridge({ 'cf:backup:read': { ok: false, error: gone }, 'cf:file:open': { ok: false, error: { code: 'no-window', message: 'Casefile has no open window to show the file dialog in.', values: {} } } });
    const platform = createElectronPlatform(host);
    const error = await platform.backups?.read('x').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'not-found:backup', message: gone.message });
    expect(translateRef(createTranslator('es'), (error as RefusedError).detail!)).toBe('La copia de seguridad «x» ya no está.');
    await expect(platform.openFiles({ filters: [] })).rejects.toMatchObject({ code: 'no-window', detail: { key: 'hostError.noWindow' } });
    const saved = { code: 'save-failed', message: 'Casefile could not save "a.md": the disk is full.', values: { name: 'a.md', errno: 'ENOSPC', detail: '' } };
    await expect(createElectronPlatform(bridge({ 'cf:file:save': { ok: false, error: saved } })).saveFile({ suggestedName: 'a.md', bytes: new Uint8Array(), mediaType: 'text/markdown', filters: [] })).rejects.toMatchObject({
      code: 'save-failed',
      detail: { key: 'hostError.saveFailed' },
    });
  });

  it('do not exist in the browser build', () => {
    const doc = { querySelector: () => null } as unknown as Document;
    expect(createWebPlatform(doc).backups).toBeNull();
  });
});
