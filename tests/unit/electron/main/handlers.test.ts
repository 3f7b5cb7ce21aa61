import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract, type ParsedRequest } from '../../../../shared/ipc/contract';
import {
  createHandlers,
  fetchPage,
  getAppInfo,
  openExternalLink,
  openFile,
  saveFile,
  type HandlerDeps,
} from '../../../../electron/main/handlers';
import { MAX_BUNDLE_OPEN_BYTES, MAX_OPEN_BYTES, readFileCapped, toSafeFileName, writeFileAtomically } from '../../../../electron/main/fileAccess';
import { HandlerError } from '../../../../electron/main/ipc';
import { fetchUrl as realFetchUrl } from '../../../../node/host/fetchUrl';
import { shownInSpanish } from '../../helpers/hostRefusal';

const parentWindow = { id: 1 } as never;

function fakeDeps(overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    appInfo: { name: 'Casefile', version: '0.1.0', platform: 'linux', runtime: 'Electron 45.5.0 (Chromium 140)' },
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    },
    getParentWindow: () => parentWindow,
    defaultSaveDirectory: () => path.join(path.sep, 'home', 'ada', 'Documents'),
    readFile: vi.fn(async () => new Uint8Array([1, 2, 3])),
    writeFile: vi.fn(async () => undefined),
    openExternal: vi.fn(async () => undefined),
    renderPdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
    fetchUrl: vi.fn(async (url: string) => ({ bytes: new Uint8Array([60]), finalUrl: url, contentType: 'text/html', fetchedAt: 5 })),
    backups: {
      dir: path.join(path.sep, 'home', 'ada', '.config', 'Casefile', 'backups'),
      now: () => Date.UTC(2026, 10, 29, 2, 15),
      mkdir: vi.fn(async () => undefined),
      readdir: vi.fn(async () => []),
      size: vi.fn(async () => 0),
      readFile: vi.fn(async () => new Uint8Array()),
      writeFile: vi.fn(async () => undefined),
      remove: vi.fn(async () => undefined),
    },
    setMenuLocale: vi.fn(),
    ...overrides,
  };
}

const openRequest = (input: unknown): ParsedRequest<'cf:file:open'> => contract['cf:file:open'].request.parse(input);
const saveRequest = (input: unknown): ParsedRequest<'cf:file:save'> => contract['cf:file:save'].request.parse(input);

describe('cf:app:info', () => {
  it('reports the app, its runtime and the electron shell', async () => {
    const info = await getAppInfo(fakeDeps());
    expect(info).toEqual({ name: 'Casefile', version: '0.1.0', platform: 'linux', shell: 'electron', runtime: 'Electron 45.5.0 (Chromium 140)' });
    expect(contract['cf:app:info'].response.safeParse(info).success).toBe(true);
  });
});

describe('cf:file:open', () => {
  it('reads a .casefile bundle with the larger bundle cap and any other file with the ordinary one', async () => {
    for (const [file, cap] of [
      ['Harbour case.CASEFILE', MAX_BUNDLE_OPEN_BYTES],
      ['report.pdf', MAX_OPEN_BYTES],
    ] as const) {
      const deps = fakeDeps({
        dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [path.join(path.sep, 'cases', file)] })), showSaveDialog: vi.fn() },
      });
      await openFile(deps, openRequest({}));
      expect(deps.readFile).toHaveBeenCalledWith(path.join(path.sep, 'cases', file), cap);
    }
    expect(MAX_BUNDLE_OPEN_BYTES).toBeGreaterThan(MAX_OPEN_BYTES);
  });

  it('returns null when the dialog is cancelled and reads nothing', async () => {
    const deps = fakeDeps();
    await expect(openFile(deps, openRequest({}))).resolves.toBeNull();
    expect(deps.readFile).not.toHaveBeenCalled();
  });

  it('attaches the dialog to the window, passes the filters and returns name and bytes', async () => {
    const deps = fakeDeps({
      dialog: {
        showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: [path.join(path.sep, 'cases', 'report.pdf')] })),
        showSaveDialog: vi.fn(),
      },
    });
    const filters = [{ name: 'Documents', extensions: ['pdf', 'docx'] }];
    const result = await openFile(deps, openRequest({ title: 'Import source', filters }));
    expect(result).toEqual({ name: 'report.pdf', bytes: new Uint8Array([1, 2, 3]) });
    expect(deps.dialog.showOpenDialog).toHaveBeenCalledWith(parentWindow, {
      title: 'Import source',
      filters,
      properties: ['openFile'],
    });
  });

  it('refuses with a clear message when there is no window to attach to', async () => {
    const deps = fakeDeps({ getParentWindow: () => null });
    const error = await openFile(deps, openRequest({})).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'no-window', message: 'Casefile has no open window to show the file dialog in.' });
    expect(shownInSpanish(error)).toBe('Casefile no tiene ninguna ventana abierta en la que mostrar el diálogo de archivos.');
    expect(deps.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('lets a too-large error from the read reach the user', async () => {
    const deps = fakeDeps({
      dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/x/huge.pdf'] })), showSaveDialog: vi.fn() },
      readFile: async () => {
        throw new HandlerError('too-large', '"huge.pdf" is 25.0 MB; Casefile opens files up to 20.0 MB.');
      },
    });
    await expect(openFile(deps, openRequest({}))).rejects.toMatchObject({ code: 'too-large' });
  });
});

describe('cf:file:save', () => {
  const bytes = new Uint8Array([9, 9]);

  it('returns null when cancelled and writes nothing', async () => {
    const deps = fakeDeps();
    await expect(saveFile(deps, saveRequest({ suggestedName: 'brief.pdf', bytes }))).resolves.toBeNull();
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('pre-fills a bare file name, writes the bytes where the user chose and returns the name', async () => {
    const chosen = path.join(path.sep, 'home', 'ada', 'Desktop', 'Final brief.pdf');
    const deps = fakeDeps({
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: chosen })) },
    });
    const result = await saveFile(deps, saveRequest({ suggestedName: '../../etc/brief.pdf', bytes, filters: [{ name: 'PDF', extensions: ['pdf'] }] }));
    expect(result).toEqual({ name: 'Final brief.pdf' });
    expect(deps.dialog.showSaveDialog).toHaveBeenCalledWith(parentWindow, {
      defaultPath: path.join(path.sep, 'home', 'ada', 'Documents', 'brief.pdf'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    expect(deps.writeFile).toHaveBeenCalledWith(chosen, bytes);
  });
});

describe('cf:shell:openExternal', () => {
  it('opens a safe link in its parsed form', async () => {
    const deps = fakeDeps();
    await expect(openExternalLink(deps, { url: 'https://example.org/a b' })).resolves.toBeNull();
    expect(deps.openExternal).toHaveBeenCalledWith('https://example.org/a%20b');
  });

  it('hands the mail client a mailto link without attach or any other field but subject, body, cc and bcc', async () => {
    const deps = fakeDeps();
    await openExternalLink(deps, { url: 'mailto:desk@example.org?attach=/home/user/.ssh/id_rsa&body=Hello' });
    expect(deps.openExternal).toHaveBeenCalledWith('mailto:desk@example.org?body=Hello');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://bank@evil.example/'])('refuses %s with unsafe-url', async (url) => {
    const deps = fakeDeps();
    const error = await openExternalLink(deps, { url }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'unsafe-url', message: `Casefile opens only web (http, https) and email (mailto) links, so "${url}" was not opened.` });
    expect(shownInSpanish(error)).toContain(`«${url}»`);
    expect(deps.openExternal).not.toHaveBeenCalled();
  });
});

describe('cf:url:fetch', () => {
  it('delegates to fetchUrl, refusing local addresses unless the setting came with the request', async () => {
    const deps = fakeDeps();
    await expect(fetchPage(deps, contract['cf:url:fetch'].request.parse({ url: 'https://example.org/' }))).resolves.toMatchObject({ finalUrl: 'https://example.org/' });
    expect(deps.fetchUrl).toHaveBeenLastCalledWith('https://example.org/', { allowLocalNetwork: false });
    await fetchPage(deps, { url: 'http://intranet.example/', allowLocalNetwork: true });
    expect(deps.fetchUrl).toHaveBeenLastCalledWith('http://intranet.example/', { allowLocalNetwork: true });
  });

  it('refuses loopback by default with the real fetcher, as main wires it: the reason as the code, its variables beside the English', async () => {
    const deps = fakeDeps({ fetchUrl: realFetchUrl });
    await expect(fetchPage(deps, { url: 'http://127.0.0.1:9/', allowLocalNetwork: false })).rejects.toMatchObject({
      code: 'fetch-failed:not-public',
      values: { where: '127.0.0.1:9', range: 'loopback' },
      message: expect.stringContaining('Allow local network addresses'),
    });
  });

  it('reports the fetcher’s own message as fetch-failed', async () => {
    const deps = fakeDeps({
      fetchUrl: async () => {
        throw new Error('The page at example.org did not answer within 20 seconds.');
      },
    });
    await expect(fetchPage(deps, { url: 'https://example.org/', allowLocalNetwork: false })).rejects.toMatchObject({
      code: 'fetch-failed',
      message: 'The page at example.org did not answer within 20 seconds.',
    });
  });
});

describe('createHandlers', () => {
  it('routes the PDF channel to renderPdf', async () => {
    const deps = fakeDeps();
    const handlers = createHandlers(deps);
    const request = contract['cf:pdf:render'].request.parse({ html: '<p>x</p>' });
    await expect(handlers['cf:pdf:render'](request)).resolves.toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(deps.renderPdf).toHaveBeenCalledWith(request);
  });
});

describe('file access', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'casefile-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file within the cap', async () => {
    const file = path.join(dir, 'small.txt');
    await writeFile(file, 'hello');
    await expect(readFileCapped(file, 10)).resolves.toEqual(new TextEncoder().encode('hello'));
  });

  it('refuses a file over the cap with its size and the limit', async () => {
    const file = path.join(dir, 'big.bin');
    await writeFile(file, new Uint8Array(3 * 1024 * 1024));
    const error = await readFileCapped(file, 2 * 1024 * 1024).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'too-large:file', message: '"big.bin" is 3.0 MB; Casefile opens files up to 2.0 MB.' });
    expect(shownInSpanish(error)).toBe('«big.bin» ocupa 3,0 MB; Casefile abre archivos de hasta 2,0 MB.');
  });

  it('explains a missing file and a folder', async () => {
    const gone = await readFileCapped(path.join(dir, 'gone.txt')).catch((thrown: unknown) => thrown);
    expect(gone).toMatchObject({ code: 'read-failed', message: 'Casefile could not read "gone.txt": it no longer exists.' });
    expect(shownInSpanish(gone)).toBe('Casefile no pudo leer «gone.txt»: ya no existe.');
    const folder = await readFileCapped(dir).catch((thrown: unknown) => thrown);
    expect(folder).toMatchObject({ code: 'not-a-file', message: `"${path.basename(dir)}" is not a file Casefile can open.` });
    expect(shownInSpanish(folder)).toBe(`«${path.basename(dir)}» no es un archivo que Casefile pueda abrir.`);
  });

  it('writes atomically and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'brief.md');
    await writeFile(file, 'old');
    await writeFileAtomically(file, new TextEncoder().encode('new'));
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await readdir(dir)).filter((name) => name.includes('casefile-tmp'))).toEqual([]);
  });

  it('reports a failed save and keeps nothing half-written', async () => {
    const target = path.join(dir, 'no-such-folder', 'brief.md');
    const error = await writeFileAtomically(target, new Uint8Array([1])).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'save-failed', message: 'Casefile could not save "brief.md": it no longer exists.' });
    expect(shownInSpanish(error)).toBe('Casefile no pudo guardar «brief.md»: ya no existe.');
  });

  it.each([
    ['brief.pdf', 'brief.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\brief.pdf', 'brief.pdf'],
    ['.hidden', 'hidden'],
    ['a:b*c?.md', 'a_b_c_.md'],
    ['/', 'Untitled'],
  ])('toSafeFileName(%s) → %s', (input, expected) => {
    expect(toSafeFileName(input)).toBe(expected);
  });
});
