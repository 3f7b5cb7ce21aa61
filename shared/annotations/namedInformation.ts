/**
 * RFC 6920 "Named Information" URIs for SHA-256 digests
 * (`ni:///sha-256;<base64url digest>`).
 *
 * Exports identify a source's original bytes this way, because it is the
 * standard IRI form of a hash: another tool can read it without knowing
 * Casefile, and an import can match a source by content when its UUID differs.
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PREFIX = 'ni:///sha-256;';

/** The `ni:` URI of a SHA-256 digest given as 64 hex digits; `undefined` for anything else. */
export function sha256HexToNi(hex: string): string | undefined {
  if (!/^[0-9a-f]{64}$/iu.test(hex)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c += 1) out += BASE64URL[(chunk >> (18 - 6 * c)) & 63];
  }
  return PREFIX + out;
}

/** The lower-case hex SHA-256 digest named by an `ni:` URI; `undefined` when it is not one. */
export function niToSha256Hex(uri: string): string | undefined {
  if (!uri.startsWith(PREFIX)) return undefined;
  const encoded = uri.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]{43}$/u.test(encoded)) return undefined;
  let bits = 0;
  let value = 0;
  let hex = '';
  for (const char of encoded) {
    value = (value << 6) | BASE64URL.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += ((value >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex.length === 64 ? hex : undefined;
}
