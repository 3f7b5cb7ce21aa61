/**
 * Which links may leave the app for the system browser or mail client. Pure (no Electron
 * import), so the IPC handlers and the navigation guards share one rule and it can be
 * tested as a table.
 */
const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const MAX_EXTERNAL_URL_LENGTH = 8192;

/**
 * Normalise a link the user wants to open outside the app, or return `null` when it must
 * not be opened. Only http(s) with a host and mailto with a recipient pass; embedded
 * credentials (`https://bank.example@evil.example/`) are refused because they exist mainly
 * to disguise the real host. The caller opens the returned `href`, never the raw input,
 * so what was checked is what is launched.
 */
export function toSafeExternalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0 ? parsed.href : null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

/** Whether `url` may be handed to the operating system's browser or mail client. */
export function isSafeExternalUrl(url: string): boolean {
  return toSafeExternalUrl(url) !== null;
}
