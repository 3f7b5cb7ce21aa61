import { randomFillSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from '../../../../shared/ipc/wire';

describe('wire codec', () => {
  it('round-trips bytes at any depth, next to ordinary JSON', () => {
    const value = {
      a: 1,
      text: 'plain',
      nested: { bytes: new Uint8Array([0, 1, 2, 255]), list: [new Uint8Array([]), 'x', { deeper: new Uint8Array([7]) }] },
    };
    const wire = encodeWire(value);
    expect(wire).toContain('{"$bytes":"AAEC/w=="}');
    expect(decodeWire(wire)).toEqual(value);
  });

  it('leaves objects that merely mention $bytes alone', () => {
    const lookalikes = { a: { $bytes: 'AA==', other: 1 }, b: { $bytes: 5 } };
    expect(decodeWire(JSON.stringify(lookalikes))).toEqual(lookalikes);
  });

  it('matches the standard base64 alphabet and padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(text)).toEqual(bytes);
        expect(base64ToBytes(text.replace(/=+$/, ''))).toEqual(bytes);
      }),
    );
  });

  it('round-trips 5 MB of random bytes through encodeWire/decodeWire', () => {
    const big = randomFillSync(new Uint8Array(5 * 1024 * 1024 + 1));
    const started = performance.now();
    const back = decodeWire(encodeWire({ bytes: big })) as { bytes: Uint8Array };
    const elapsed = performance.now() - started;
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.bytes).equals(Buffer.from(big))).toBe(true);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    // Generous bound (it takes ~100 ms): catches a per-character string-building coder, not a slow machine.
    expect(elapsed).toBeLessThan(2_000);
  });

  it('refuses malformed base64 instead of guessing', () => {
    expect(() => base64ToBytes('ab$d')).toThrow(/Invalid base64: unexpected character at position 2/);
    expect(() => base64ToBytes('abcde')).toThrow(/impossible length/);
    expect(() => base64ToBytes('ab=d')).toThrow(/Invalid base64/);
    expect(() => base64ToBytes('é===')).toThrow(/Invalid base64/);
    expect(() => decodeWire('{"x":{"$bytes":"!!!!"}}')).toThrow(/Invalid base64/);
  });
});
