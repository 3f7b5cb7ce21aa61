/**
 * SHA-256 of the original bytes, in hex. It identifies a source across cases
 * and bundles, and lets an import of the same file be recognised as a duplicate.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // `slice()` gives a copy backed by a plain ArrayBuffer, which WebCrypto requires.
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
