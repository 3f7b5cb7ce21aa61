// @vitest-environment jsdom
/**
 * `platform().fetchUrl` in both shells: the browser adapter posts the contract
 * request to the local server with the launch token, the desktop adapter asks
 * the preload bridge; both hand back the page or throw the host's own message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CasefileBridge } from '../../../../shared/ipc/contract';
import { decodeWire, encodeWire } from '../../../../shared/ipc/wire';
import { createElectronPlatform } from '../../../../renderer/platform/electron';
import { createWebPlatform } from '../../../../renderer/platform/web';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import type { RefusedError } from '../../../../shared/ipc/refusal';

const es = createTranslator('es');

const PAGE = { bytes: new Uint8Array([60, 112, 62]), finalUrl: 'https://news.example/a', contentType: 'text/html', fetchedAt: 1_790_000_000_000 };

afterEach(() => vi.unstubAllGlobals());

describe('fetchUrl in the browser build', () => {
  function webPlatform(answer: unknown) {
    document.head.innerHTML = '<meta name="casefile-token" content="launch-token-1234567890">';
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(encodeWire(answer), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    return { platform: createWebPlatform(document), fetchMock };
  }

  it('asks the local server with the token and returns the page', async () => {
    const { platform, fetchMock } = webPlatform({ ok: true, value: PAGE });
    expect(await platform.fetchUrl('https://news.example/short')).toEqual(PAGE);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('api/invoke/cf%3Aurl%3Afetch');
    expect((init.headers as Record<string, string>)['X-Casefile-Token']).toBe('launch-token-1234567890');
    expect(decodeWire(init.body as string)).toEqual({ url: 'https://news.example/short', allowLocalNetwork: false });
  });

  it('sends the “Allow local network addresses” setting with the request', async () => {
    const { platform, fetchMock } = webPlatform({ ok: true, value: PAGE });
    await platform.fetchUrl('http://intranet.example/', { allowLocalNetwork: true });
    expect(decodeWire(fetchMock.mock.calls[0]![1].body as string)).toEqual({ url: 'http://intranet.example/', allowLocalNetwork: true });
  });

  it('throws the host’s message on failure', async () => {
    const { platform } = webPlatform({ ok: false, error: { code: 'fetch-failed', message: 'The page took longer than 15 s to answer.' } });
    await expect(platform.fetchUrl('https://slow.example/')).rejects.toThrow('The page took longer than 15 s to answer.');
  });

  it('says when the local server is gone, or answers nothing, in words the UI translates', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const gone = await createWebPlatform(document).fetchUrl('https://news.example/').catch((thrown: unknown) => thrown);
    expect(gone).toMatchObject({ code: 'offline', message: 'The local Casefile server is not reachable. Is `npm run web` still running?', detail: { key: 'hostError.offline' } });
    expect(translateRef(es, (gone as RefusedError).detail!)).toBe('No se puede conectar con el servidor local de Casefile. ¿Sigue en marcha `npm run web`?');

    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 502 })));
    const empty = await createWebPlatform(document).fetchUrl('https://news.example/').catch((thrown: unknown) => thrown);
    expect(empty).toMatchObject({ code: 'http', message: 'The local Casefile server answered 502.' });
    expect(translateRef(es, (empty as RefusedError).detail!)).toBe('El servidor local de Casefile respondió 502.');
  });
});

describe('fetchUrl in the desktop app', () => {
  const bridge = (answer: unknown): CasefileBridge & { calls: unknown[][] } => {
    const calls: unknown[][] = [];
    return {
      calls,
      invoke: (async (channel: string, request: unknown) => {
        calls.push([channel, request]);
        return answer;
      }) as CasefileBridge['invoke'],
      onMenu: () => () => undefined,
      onOpenFile: () => () => undefined,
    };
  };

  it('asks the main process over cf:url:fetch', async () => {
    const b = bridge({ ok: true, value: PAGE });
    expect(await createElectronPlatform(b).fetchUrl('https://news.example/a')).toEqual(PAGE);
    expect(b.calls).toEqual([['cf:url:fetch', { url: 'https://news.example/a', allowLocalNetwork: false }]]);
    await createElectronPlatform(b).fetchUrl('http://intranet.example/', { allowLocalNetwork: true });
    expect(b.calls[1]).toEqual(['cf:url:fetch', { url: 'http://intranet.example/', allowLocalNetwork: true }]);
  });

  it('throws the main process’s message on failure', async () => {
    const b = bridge({ ok: false, error: { code: 'fetch-failed', message: 'The page is larger than 20 MB.' } });
    await expect(createElectronPlatform(b).fetchUrl('https://big.example/')).rejects.toThrow('The page is larger than 20 MB.');
  });
});
