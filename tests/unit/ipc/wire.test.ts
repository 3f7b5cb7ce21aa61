import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../../shared/ipc/wire';

describe('wire codec', () => {
  it('round-trips bytes at any depth', () => {
    const value = { a: 1, nested: { bytes: new Uint8Array([0, 1, 2, 255]), list: [new Uint8Array([]), 'x'] } };
    expect(decodeWire(encodeWire(value))).toEqual(value);
  });

  it('matches the standard base64 alphabet and padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
      }),
    );
  });

  it('handles multi-megabyte payloads', () => {
    const big = new Uint8Array(5 * 1024 * 1024).map((_, i) => (i * 31) & 255);
    const back = base64ToBytes(bytesToBase64(big));
    expect(Buffer.from(back).equals(Buffer.from(big))).toBe(true);
  });

  it('refuses malformed base64', () => {
    expect(() => base64ToBytes('ab$d')).toThrow(/Invalid base64/);
  });
});
