import type { CasefileBridge, Result } from '../../shared/ipc/contract';
import { hostRefusal } from '../../shared/ipc/hostRefusals';
import type { BackupHost, Platform } from './types';

/** The desktop adapter: a thin layer over the preload's `window.casefile` bridge. */
export function createElectronPlatform(bridge: CasefileBridge): Platform {
  return {
    shell: 'electron',
    async openFiles({ title, filters }) {
      const result = await bridge.invoke('cf:file:open', { title, filters });
      if (!result.ok) throw hostRefusal(result.error);
      return result.value ? [result.value] : [];
    },
    async saveFile({ suggestedName, bytes, filters }) {
      const result = await bridge.invoke('cf:file:save', { suggestedName, bytes, filters });
      if (!result.ok) throw hostRefusal(result.error);
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
      if (!result.ok) throw hostRefusal(result.error);
      return result.value;
    },
    onOpenFile: (listener) => bridge.onOpenFile(listener),
    backups: electronBackups(bridge),
  };
}

/** Backups through the cf:backup:* channels; a refused call becomes an error with the host's sentence, in the UI's language for a code it knows. */
function electronBackups(bridge: CasefileBridge): BackupHost {
  const unwrap = <T>(result: Result<T>): T => {
    if (!result.ok) throw hostRefusal(result.error);
    return result.value;
  };
  return {
    write: async (bytes, reason) => unwrap(await bridge.invoke('cf:backup:write', { bytes, reason })),
    list: async () => unwrap(await bridge.invoke('cf:backup:list', {})),
    read: async (name) => unwrap(await bridge.invoke('cf:backup:read', { name })),
  };
}
