/**
 * Small, stable, synchronous hashes of text, for names that must come out the
 * same on every device (never for security: use SHA-256 for that).
 */

/** 32-bit FNV-1a of the text's UTF-16 code units. */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 64-bit key of the text in base 36 (two FNV-1a passes from different starting values): short enough for an ID. */
export function stableKey(text: string): string {
  return fnv1a32(text).toString(36).padStart(7, '0') + fnv1a32(text, 0x050c5d1f).toString(36).padStart(7, '0');
}
