import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, MENU_COMMANDS, MENU_EVENT_CHANNEL, OPEN_FILE_EVENT_CHANNEL } from '../../../../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  exposed: [] as Array<[string, unknown]>,
  ipcRenderer: { invoke: () => Promise.resolve(), on: () => undefined, removeListener: () => undefined },
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: electron.ipcRenderer,
}));

const { createBridge } = await import('../../../../electron/preload/index');
const names = await import('../../../../electron/preload/contractNames');

/** An `ipcRenderer` stand-in: records invokes, and lets the test emit host events. */
function fakeIpc(reply: unknown = { ok: true, value: null }) {
  const emitter = new EventEmitter();
  const invoke = vi.fn(async (_channel: string, _request: unknown) => reply);
  const port = {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      emitter.on(channel, listener);
      return port;
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      emitter.removeListener(channel, listener);
      return port;
    },
  };
  const emit = (channel: string, value: unknown) => emitter.emit(channel, { sender: 'ipc-event' }, value);
  return { port, invoke, emit, listenerCount: (channel: string) => emitter.listenerCount(channel) };
}

describe('preload', () => {
  it('exposes exactly one object, window.casefile, with the bridge verbs', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['casefile']);
    expect(Object.keys(electron.exposed[0]?.[1] as object).sort()).toEqual(['invoke', 'onMenu', 'onOpenFile']);
  });

  it('knows exactly the contract’s channels and menu commands', () => {
    expect([...names.PRELOAD_CHANNELS].sort()).toEqual([...CHANNELS].sort());
    expect([...names.PRELOAD_MENU_COMMANDS].sort()).toEqual([...MENU_COMMANDS].sort());
    expect(names.MENU_EVENT_CHANNEL).toBe(MENU_EVENT_CHANNEL);
    expect(names.OPEN_FILE_EVENT_CHANNEL).toBe(OPEN_FILE_EVENT_CHANNEL);
  });

  it('forwards a contract channel and returns the host’s result', async () => {
    const { port, invoke } = fakeIpc({ ok: true, value: null });
    const bridge = createBridge(port as never);
    await expect(bridge.invoke('cf:shell:openExternal', { url: 'https://example.org' })).resolves.toEqual({ ok: true, value: null });
    expect(invoke).toHaveBeenCalledWith('cf:shell:openExternal', { url: 'https://example.org' });
  });

  it.each(['cf:fs:readAnything', 'ELECTRON_BROWSER_REQUIRE', 'cf:event:menu', 'toString', '__proto__', 42])(
    'refuses %s without sending anything',
    async (channel) => {
      const { port, invoke } = fakeIpc();
      const bridge = createBridge(port as never);
      const result = await bridge.invoke(channel as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
      expect(invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a failed IPC call into a Result instead of a rejection', async () => {
    const { port, invoke } = fakeIpc();
    invoke.mockRejectedValueOnce(new Error("No handler registered for 'cf:app:info'"));
    const result = await createBridge(port as never).invoke('cf:app:info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc-failed' } });
  });

  it('delivers menu commands without the IPC event, ignores unknown ones, and unsubscribes', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc.port as never);
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onMenu((...args: unknown[]) => seen.push(args));

    ipc.emit(MENU_EVENT_CHANNEL, 'new-case');
    ipc.emit(MENU_EVENT_CHANNEL, 'format-disk');
    expect(seen).toEqual([['new-case']]);

    unsubscribe();
    expect(ipc.listenerCount(MENU_EVENT_CHANNEL)).toBe(0);
    ipc.emit(MENU_EVENT_CHANNEL, 'find');
    expect(seen).toHaveLength(1);
  });

  it('delivers well-formed opened files only', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc.port as never);
    const seen: unknown[] = [];
    const unsubscribe = bridge.onOpenFile((file) => seen.push(file));

    const file = { name: 'fraud.casefile', bytes: new Uint8Array([80, 75]) };
    ipc.emit(OPEN_FILE_EVENT_CHANNEL, file);
    ipc.emit(OPEN_FILE_EVENT_CHANNEL, { name: 'x.casefile', bytes: 'not bytes' });
    ipc.emit(OPEN_FILE_EVENT_CHANNEL, null);
    expect(seen).toEqual([file]);
    unsubscribe();
    expect(ipc.listenerCount(OPEN_FILE_EVENT_CHANNEL)).toBe(0);
  });
});
