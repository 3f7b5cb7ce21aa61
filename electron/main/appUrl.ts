/**
 * The app's own origin. The renderer is served from `app://casefile/` (see protocol.ts);
 * IPC, permissions and navigation checks all trust exactly this origin and nothing else.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'casefile';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` (a full URL or a bare origin) is on the app's origin. Compared after
 * parsing, because `URL.origin` is "null" for custom schemes and a prefix test alone
 * would let `app://casefile.evil/` or `app://casefile@evil/` through.
 */
export function isAppOrigin(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === '' &&
      url.startsWith(APP_ORIGIN)
    );
  } catch {
    return false;
  }
}

/** True when `url` is a page or asset of the app: on its origin and starting `app://casefile/`. */
export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`) && isAppOrigin(url);
}
