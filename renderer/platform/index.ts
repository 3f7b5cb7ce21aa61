import type { CasefileBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electron';
import type { Platform } from './types';
import { createWebPlatform } from './web';

export type { FetchedUrl, FileFilter, PickedFile, Platform } from './types';

declare global {
  interface Window {
    /** Present only inside the desktop app, exposed by the preload. */
    casefile?: CasefileBridge;
  }
}

let current: Platform | undefined;

/** The platform the renderer runs on, chosen once: the preload's bridge if present, else the browser. */
export function platform(): Platform {
  current ??= window.casefile ? createElectronPlatform(window.casefile) : createWebPlatform();
  return current;
}
