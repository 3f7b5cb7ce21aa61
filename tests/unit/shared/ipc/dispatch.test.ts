import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch as electronDispatch, type Handlers } from '../../../../electron/main/ipc';
import { defaultHandlers, startWebServer, type WebServer } from '../../../../node/web/server';
import type { Channel, Result } from '../../../../shared/ipc/contract';
import { dispatch, FETCH_FAILED, HandlerError, rethrowAs } from '../../../../shared/ipc/dispatch';
import { decodeWire, encodeWire } from '../../../../shared/ipc/wire';

describe('dispatch', () => {
  it('answers a declined channel with unsupported', async () => {
    expect(await dispatch('cf:file:open', { unsupported: 'The browser opens files.' }, {})).toEqual({ ok: false, error: { code: 'unsupported', message: 'The browser opens files.' } });
  });

  it('validates the request before running anything', async () => {
    let ran = false;
    const result = await dispatch('cf:url:fetch', async () => ((ran = true), { bytes: new Uint8Array(), finalUrl: '', contentType: '', fetchedAt: 0 }), { url: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('cf:url:fetch (url)') } });
    expect(ran).toBe(false);
  });

  it('passes a HandlerError through and turns anything else into internal, logged', async () => {
    const logged: string[] = [];
    const log = (message: string) => void logged.push(message);
    expect(await dispatch('cf:app:info', async () => Promise.reject(new HandlerError('too-large', 'Too big.')), {}, log)).toEqual({ ok: false, error: { code: 'too-large', message: 'Too big.' } });
    expect(await dispatch('cf:app:info', async () => Promise.reject(new Error('boom')), {}, log)).toEqual({ ok: false, error: { code: 'internal', message: 'Casefile could not complete cf:app:info: boom' } });
    expect(logged).toEqual(['[ipc] cf:app:info failed']);
  });

  it('discards a reply that breaks the contract', async () => {
    const result = await dispatch('cf:app:info', async () => ({ name: 1 }) as never, {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Casefile produced an invalid reply for cf:app:info and discarded it.' } });
  });

  it('rethrowAs gives a plain error a code and keeps its sentence', async () => {
    await expect(rethrowAs(FETCH_FAILED, () => Promise.reject(new Error('The server answered 404 Not Found.')))).rejects.toMatchObject({ code: 'fetch-failed', message: 'The server answered 404 Not Found.' });
    await expect(rethrowAs(FETCH_FAILED, () => Promise.reject(new HandlerError('x', 'kept')))).rejects.toMatchObject({ code: 'x' });
  });
});

describe('both hosts answer alike', () => {
  let dir: string;
  let server: WebServer;
  const failing = {
    ...defaultHandlers('1'),
    'cf:app:info': async () => {
      throw new Error('the disk is gone');
    },
    'cf:url:fetch': (request: { url: string }) => rethrowAs(FETCH_FAILED, () => Promise.reject(new Error(`Could not reach ${request.url}.`))),
    'cf:pdf:render': async () => 'not bytes' as unknown as Uint8Array,
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casefile-dispatch-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    server = await startWebServer({ rootDir: dir, port: 0, handlers: failing });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function overHttp(channel: Channel, payload: unknown): Promise<Result<unknown>> {
    const response = await fetch(`${server.url}api/invoke/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Casefile-Token': server.token }, body: encodeWire(payload) });
    return decodeWire(await response.text()) as Result<unknown>;
  }

  it.each([
    ['cf:app:info', {}],
    ['cf:url:fetch', { url: 'https://example.invalid/' }],
    ['cf:url:fetch', { url: 7 }],
    ['cf:pdf:render', { html: '<p>x</p>' }],
  ] as const)('%s %j', async (channel, payload) => {
    const electron = await electronDispatch(channel, failing as unknown as Handlers, true, payload);
    expect(electron.ok).toBe(false);
    expect(await overHttp(channel, payload)).toEqual(electron);
  });
});
