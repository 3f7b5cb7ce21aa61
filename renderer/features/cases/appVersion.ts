import { platform } from '../../platform';

let cached: Promise<string> | undefined;

/** The running Casefile's version for bundle manifests, asked of the host once; "unknown" if it cannot say. */
export function appVersion(): Promise<string> {
  cached ??= platform()
    .invoke('cf:app:info', {})
    .then((result) => (result.ok ? result.value.version : 'unknown'))
    .catch(() => 'unknown');
  return cached;
}
