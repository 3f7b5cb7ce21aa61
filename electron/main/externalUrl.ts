/**
 * Which links may leave the app: the one rule in `shared/ipc/externalUrl.ts`, shared
 * with the browser build, re-exported for the IPC handlers and the navigation guards.
 */
export { isSafeExternalUrl, toSafeExternalUrl } from '../../shared/ipc/externalUrl';
