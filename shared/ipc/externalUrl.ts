/**
 * Which links may leave the app for the system browser or mail client: one rule for
 * both hosts (Electron main's `cf:shell:openExternal` and navigation guards, and the
 * browser adapter), pure so it can be tested as a table.
 *
 * - http(s) with a host and no embedded credentials (`https://bank.example@evil.example/`
 *   exists mainly to disguise the real host);
 * - mailto with at least one plain recipient, rebuilt from its parts so that only
 *   `subject`, `body`, `cc` and `bcc` survive. Mail clients honour more (`attach=`,
 *   `attachment=` … would attach a local file to a message the user may send without
 *   looking), and the link can come from an untrusted document.
 *
 * Everything else returns `null`. The caller opens the returned string, never the raw
 * input, so what was checked is what is launched.
 */
const MAX_EXTERNAL_URL_LENGTH = 8192;
const MAILTO_FIELDS = ['subject', 'body', 'cc', 'bcc'] as const;
type MailtoField = (typeof MAILTO_FIELDS)[number];

/** A bare address: no spaces, quotes, brackets or URL delimiters anywhere, one @ with text on both sides. */
const PLAIN_ADDRESS = /^[^\s@?&=#<>"'(),;:\\[\]%/]+@[^\s@?&=#<>"'(),;:\\[\]%/]+$/u;

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Comma-separated addresses, each checked; null when any is not a plain address. */
function addressList(decoded: string): string[] | null {
  const list = decoded.split(',').map((a) => a.trim());
  return list.length > 0 && list.every((a) => PLAIN_ADDRESS.test(a)) ? list : null;
}

function safeMailto(url: URL): string | null {
  const recipients = decodeComponent(url.pathname);
  const to = recipients === null ? null : addressList(recipients);
  if (!to) return null;
  const kept = new Map<MailtoField, string>();
  const query = url.search.replace(/^\?/, '');
  for (const pair of query ? query.split('&') : []) {
    const at = pair.indexOf('=');
    const name = decodeComponent(at < 0 ? pair : pair.slice(0, at));
    const value = decodeComponent(at < 0 ? '' : pair.slice(at + 1));
    // A malformed escape anywhere makes the whole link suspect.
    if (name === null || value === null) return null;
    const field = name.trim().toLowerCase() as MailtoField;
    if (!MAILTO_FIELDS.includes(field) || kept.has(field)) continue;
    if (field === 'cc' || field === 'bcc') {
      const list = addressList(value);
      if (list) kept.set(field, list.join(','));
    } else kept.set(field, value);
  }
  const encodedTo = to.map((a) => encodeURIComponent(a).replace(/%40/g, '@')).join(',');
  const params = MAILTO_FIELDS.filter((f) => kept.has(f)).map((f) => `${f}=${encodeURIComponent(kept.get(f)!)}`);
  return `mailto:${encodedTo}${params.length ? `?${params.join('&')}` : ''}`;
}

/** The link to open outside the app, normalised, or `null` when it must not be opened (see the module comment). */
export function toSafeExternalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'mailto:') return safeMailto(parsed);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}

/** Whether `url` may be handed to the operating system's browser or mail client. */
export function isSafeExternalUrl(url: string): boolean {
  return toSafeExternalUrl(url) !== null;
}
