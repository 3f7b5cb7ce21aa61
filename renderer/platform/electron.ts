import type { CasefileBridge, Result } from '../../shared/ipc/contract';
import { fetchRefusal } from '../../shared/ipc/fetchFailure';
import type { BackupHost, Platform } from './types';

/** The desktop adapter: a thin layer over the preload's `window.casefile` bridge. */
export function createElectronPlatform(bridge: CasefileBridge): Platform {
  return {
    shell: 'electron',
    async openFiles({ title, filters }) {
      const result = await bridge.invoke('cf:file:open', { title, filters });
      if (!result.ok) throw new Error(result.error.message);
      return result.value ? [result.value] : [];
    },
    async saveFile({ suggestedName, bytes, filters }) {
      const result = await bridge.invoke('cf:file:save', { suggestedName, bytes, filters });
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    invoke: (channel, request) => bridge.invoke(channel, request),
    openExternal(url) {
      void bridge.invoke('cf:shell:openExternal', { url });
    },
    onMenu: (listener) => bridge.onMenu(listener),
    setMenuLocale(locale) {
      void bridge.invoke('cf:menu:locale', { locale });
    },
    async fetchUrl(url, opts) {
      const result = await bridge.invoke('cf:url:fetch', { url, allowLocalNetwork: opts?.allowLocalNetwork ?? false });
      if (!result.ok) throw fetchRefusal(result.error);
      return result.value;
    },
    onOpenFile: (listener) => bridge.onOpenFile(listener),
    backups: electronBackups(bridge),
  };
}

/** Backups through the cf:backup:* channels; a refused call becomes an Error with the host's sentence. */
function electronBackups(bridge: CasefileBridge): BackupHost {
  const unwrap = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  return {
    write: async (bytes, reason) => unwrap(await bridge.invoke('cf:backup:write', { bytes, reason })),
    list: async () => unwrap(await bridge.invoke('cf:backup:list', {})),
    read: async (name) => unwrap(await bridge.invoke('cf:backup:read', { name })),
  };
}
