import type { CasefileBridge } from '../../shared/ipc/contract';
import type { Platform } from './types';

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
    async fetchUrl(url) {
      const result = await bridge.invoke('cf:url:fetch', { url });
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    onOpenFile: (listener) => bridge.onOpenFile(listener),
  };
}
