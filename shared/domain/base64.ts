/**
 * Standard base64 (RFC 4648), in pure TypeScript: no Buffer, no btoa/atob
 * (neither is in shared's types, and btoa needs a binary string that is slow
 * to build for multi-megabyte PDFs and imports). The table-based coder turns
 * 5 MB around in tens of milliseconds. Used by the HTTP wire codec
 * (shared/ipc/wire.ts), sync tokens and the exports' embedded figures; it
 * lives here, below all of them, so none has to import another for it.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INVALID = 255;
const LOOKUP = new Uint8Array(128).fill(INVALID);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const ENCODE_TABLE = new Uint8Array(64);
for (let i = 0; i < ALPHABET.length; i++) ENCODE_TABLE[i] = ALPHABET.charCodeAt(i);
const PAD = '='.charCodeAt(0);
const ascii = new TextDecoder();

/**
 * Standard base64 (RFC 4648, with padding). Writes ASCII codes into one byte
 * array and decodes it to a string in a single step: per-character string
 * concatenation is ten times slower on multi-megabyte payloads.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE_TABLE[n >> 18]!;
    out[o++] = ENCODE_TABLE[(n >> 12) & 63]!;
    out[o++] = ENCODE_TABLE[(n >> 6) & 63]!;
    out[o++] = ENCODE_TABLE[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o] = ENCODE_TABLE[n >> 18]!;
    out[o + 1] = ENCODE_TABLE[(n >> 12) & 63]!;
    out[o + 2] = rest === 2 ? ENCODE_TABLE[(n >> 6) & 63]! : PAD;
    out[o + 3] = PAD;
  }
  return ascii.decode(out);
}

/**
 * Decode standard base64; padding is optional. Throws on any character outside
 * the alphabet or an impossible length, so a corrupted payload is refused
 * instead of being decoded into different bytes.
 */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/={1,2}$/, '');
  if (clean.length % 4 === 1) throw new Error('Invalid base64: the text has an impossible length.');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const count = Math.min(4, clean.length - i);
    let n = 0;
    for (let j = 0; j < 4; j++) {
      let v = 0;
      if (j < count) {
        const code = clean.charCodeAt(i + j);
        v = code < 128 ? LOOKUP[code]! : INVALID;
        if (v === INVALID) throw new Error(`Invalid base64: unexpected character at position ${i + j}.`);
      }
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (count > 2) out[o++] = (n >> 8) & 255;
    if (count > 3) out[o++] = n & 255;
  }
  return out;
}
