import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../../../shared/ipc/contract';
import { HandlerError, isTrustedFrame, registerIpc, type Handlers } from '../../../../electron/main/ipc';

type Invoke = (event: { senderFrame: { url: string } | null }, payload?: unknown) => Promise<unknown>;

/** A recording stand-in for `ipcMain`. */
function fakeIpcMain() {
  const registered = new Map<string, Invoke>();
  return {
    registered,
    handle: vi.fn((channel: string, listener: Invoke) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, listener);
    }),
  };
}

const APP_FRAME = { senderFrame: { url: 'app://casefile/index.html' } };

function workingHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'cf:app:info': async () => ({ name: 'Casefile', version: '0.1.0', platform: 'linux', shell: 'electron', runtime: 'Electron 45' }),
    'cf:file:open': async () => null,
    'cf:file:save': async (request) => ({ name: request.suggestedName }),
    'cf:pdf:render': async () => new Uint8Array([37, 80, 68, 70]),
    'cf:url:fetch': async (request) => ({ bytes: new Uint8Array(), finalUrl: request.url, contentType: 'text/html', fetchedAt: 1 }),
    'cf:shell:openExternal': async () => null,
    'cf:backup:write': async () => ({ name: 'casefile-backup-20261129T021500Z.cfbackup', createdAt: 1, size: 1, cases: 0 }),
    'cf:backup:list': async () => [],
    'cf:backup:read': async () => new Uint8Array(),
    'cf:menu:locale': async () => null,
    ...overrides,
  };
}

function setup(overrides: Partial<Handlers> = {}) {
  const ipcMain = fakeIpcMain();
  registerIpc(ipcMain as never, workingHandlers(overrides));
  const call = (channel: Channel, payload: unknown, event = APP_FRAME) => {
    const listener = ipcMain.registered.get(channel);
    if (!listener) throw new Error(`${channel} was not registered`);
    return listener(event as never, payload);
  };
  return { ipcMain, call };
}

describe('registerIpc', () => {
  it('registers every channel of the contract exactly once', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.registered.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it('answers a valid request with ok and the validated value', async () => {
    const { call } = setup();
    await expect(call('cf:file:save', { suggestedName: 'brief.md', bytes: new Uint8Array([1]) })).resolves.toEqual({
      ok: true,
      value: { name: 'brief.md' },
    });
  });

  it.each([
    ['no frame', { senderFrame: null }],
    ['a foreign page', { senderFrame: { url: 'https://evil.example/' } }],
    ['a look-alike origin', { senderFrame: { url: 'app://casefile.evil/index.html' } }],
    ['an error page', { senderFrame: { url: 'chrome-error://chromewebdata/' } }],
  ])('refuses a call from %s without running the handler', async (_label, event) => {
    const pdf = vi.fn(async () => new Uint8Array());
    const { call } = setup({ 'cf:pdf:render': pdf });
    const result = await call('cf:pdf:render', { html: '<p>x</p>' }, event as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(pdf).not.toHaveBeenCalled();
  });

  it.each([
    ['cf:file:save', { suggestedName: '', bytes: new Uint8Array() }],
    ['cf:file:save', { suggestedName: 'x', bytes: 'not bytes' }],
    ['cf:pdf:render', { html: '<p>x</p>', pageSize: 'A3' }],
    ['cf:shell:openExternal', { url: 'https://x', extra: true }],
    ['cf:url:fetch', 42],
  ] as const)('answers an invalid %s payload with invalid-request', async (channel, payload) => {
    const { call } = setup();
    const result = (await call(channel, payload)) as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toContain(channel);
  });

  it('applies request defaults before the handler sees the request', async () => {
    const pdf = vi.fn(async () => new Uint8Array([1]));
    const { call } = setup({ 'cf:pdf:render': pdf });
    await call('cf:pdf:render', { html: '<p>x</p>' });
    expect(pdf).toHaveBeenCalledWith({ html: '<p>x</p>', pageSize: 'A4', title: '' });
  });

  it('passes a HandlerError through with its code and message', async () => {
    const { call } = setup({
      'cf:file:open': async () => {
        throw new HandlerError('too-large', '"big.pdf" is 30.0 MB; Casefile opens files up to 20.0 MB.');
      },
    });
    await expect(call('cf:file:open', {})).resolves.toEqual({
      ok: false,
      error: { code: 'too-large', message: '"big.pdf" is 30.0 MB; Casefile opens files up to 20.0 MB.' },
    });
  });

  it('turns any other throw into an internal error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { call } = setup({
      'cf:app:info': async () => {
        throw new TypeError('boom');
      },
    });
    const result = await call('cf:app:info', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Casefile could not complete cf:app:info: boom' } });
  });

  it('refuses a handler reply that breaks the response schema', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { call } = setup({ 'cf:pdf:render': async () => 'not bytes' as never });
    await expect(call('cf:pdf:render', { html: '<p>x</p>' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('isTrustedFrame', () => {
  it.each([
    [{ url: 'app://casefile/index.html' }, true],
    [{ url: 'app://casefile/' }, true],
    [{ url: 'app://casefile' }, false],
    [{ url: 'file:///app/index.html' }, false],
    [{ url: '' }, false],
    [null, false],
    [undefined, false],
  ])('%o → %s', (frame, expected) => {
    expect(isTrustedFrame(frame as never)).toBe(expected);
  });
});

describe('Handlers type', () => {
  it('makes a missing channel a compile error', () => {
    // @ts-expect-error -- every channel of the contract needs a handler
    const incomplete: Handlers = { 'cf:app:info': workingHandlers()['cf:app:info'] };
    expect(Object.keys(incomplete)).toHaveLength(1);
  });
});
