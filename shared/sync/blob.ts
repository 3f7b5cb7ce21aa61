/**
 * Bytes that travel to the sync server's blob route (`PUT/GET /cases/<id>/blobs/<sha256>`)
 * instead of living in a CRDT: a source's snapshot (snapshot.ts) and its
 * original file, a figure's SVG and PNG. A blob is named by the SHA-256 of its
 * bytes, so sending it twice stores it once and what arrives can be checked
 * against the name the case document gave it.
 */
import { sha256Hex } from '../domain/hash';

export interface AddressedBlob {
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, hex. */
  sha256: string;
}

/** The bytes with their address. */
export async function addressed(bytes: Uint8Array): Promise<AddressedBlob> {
  return { bytes, sha256: await sha256Hex(bytes) };
}

/** A blob fetched by its address whose bytes do not hash to it; `message` is for the user. */
export class BlobMismatchError extends Error {
  override name = 'BlobMismatchError';
}

/** The bytes, once checked to be the blob `sha256` names; throws a BlobMismatchError otherwise. */
export async function checkAddressed(bytes: Uint8Array, sha256: string, what: string): Promise<Uint8Array> {
  if ((await sha256Hex(bytes)) !== sha256) throw new BlobMismatchError(`${what} arrived damaged; it will be fetched again.`);
  return bytes;
}

/**
 * A figure's two pictures as blobs: the SVG document as its UTF-8 bytes (small
 * ones too, so every figure travels the same way) and the PNG as it is.
 */
export async function figureBlobs(figure: { svg: string; png: Uint8Array }): Promise<{ svg: AddressedBlob; png: AddressedBlob }> {
  const [svg, png] = await Promise.all([addressed(new TextEncoder().encode(figure.svg)), addressed(figure.png)]);
  return { svg, png };
}

/** The SVG document back from its blob's bytes (which must be UTF-8). */
export function figureSvgOf(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BlobMismatchError('A shared figure’s drawing is not readable text; it will be fetched again.');
  }
}
