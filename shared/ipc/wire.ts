/**
 * JSON codec for contract payloads over HTTP (the browser build's loopback API).
 * Electron IPC carries Uint8Array by structured clone; JSON cannot, so every
 * Uint8Array, at any depth, travels as `{"$bytes": "<base64>"}`.
 * The base64 coder itself is shared/domain/base64.ts.
 */

import { base64ToBytes, bytesToBase64 } from '../domain/base64';

export { base64ToBytes, bytesToBase64 };

function isBytesEnvelope(value: unknown): value is { $bytes: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$bytes' && typeof (value as { $bytes: unknown }).$bytes === 'string';
}

/** Serialise a contract payload (request or Result) for the HTTP API. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: bytesToBase64(v) } : v));
}

/**
 * Parse what `encodeWire` produced, turning every `{"$bytes": …}` envelope
 * back into a Uint8Array. Throws on invalid JSON or invalid base64; callers
 * map that to an `invalid-request` answer.
 */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => (isBytesEnvelope(v) ? base64ToBytes(v.$bytes) : v));
}
