/**
 * Find an over-long string in JSON bytes without parsing them.
 *
 * `JSON.parse` would build a 100 MB string (twice that as UTF-16) before the
 * schema ever sees it. This scanner walks the UTF-8 bytes once, keeping only
 * a stack of where it is (array index, object key), and stops at the first
 * string longer than the limit, so the message can name the record and field
 * while the memory spent stays at the bytes already in hand. Lengths are
 * counted in UTF-16 code units, the unit `string.length` and the schema use.
 * Malformed JSON is not reported here; `JSON.parse` does that afterwards.
 */

export interface OversizedString {
  /** Where the string sits: array indexes and object keys from the root, e.g. `[0, 'text']`. */
  path: (string | number)[];
  /** Its length in characters (UTF-16 code units), counted up to the end of the string. */
  chars: number;
}

type Frame = { kind: 'array'; index: number } | { kind: 'object'; key: string | undefined; expectKey: boolean };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_KEY_BYTES = 256;
const keyDecoder = new TextDecoder('utf-8');

/**
 * The first string (value or key) in `bytes` longer than `maxChars`, or
 * undefined when there is none. Strings are cheap to skip, so this runs at
 * memory speed; callers skip it entirely for entries smaller than the limit.
 */
export function findOversizedString(bytes: Uint8Array, maxChars: number): OversizedString | undefined {
  const stack: Frame[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b === QUOTE) {
      const start = i + 1;
      let chars = 0;
      i = start;
      while (i < n) {
        const c = bytes[i] as number;
        if (c === QUOTE) break;
        if (c === BACKSLASH) {
          // \uXXXX and the two-character escapes each stand for one code unit.
          i += bytes[i + 1] === 0x75 ? 6 : 2;
          chars++;
          continue;
        }
        // Count lead bytes only; a 4-byte sequence is an astral character, two UTF-16 units.
        if ((c & 0xc0) !== 0x80) chars += c >= 0xf0 ? 2 : 1;
        i++;
      }
      const frame = stack[stack.length - 1];
      const isKey = frame?.kind === 'object' && frame.expectKey;
      if (chars > maxChars) {
        return { path: pathOf(stack, isKey), chars };
      }
      if (isKey && frame?.kind === 'object') {
        frame.key = i - start <= MAX_KEY_BYTES ? keyDecoder.decode(bytes.subarray(start, i)) : undefined;
        frame.expectKey = false;
      }
      i++;
      continue;
    }
    const frame = stack[stack.length - 1];
    if (b === 0x5b /* [ */) stack.push({ kind: 'array', index: 0 });
    else if (b === 0x7b /* { */) stack.push({ kind: 'object', key: undefined, expectKey: true });
    else if (b === 0x5d /* ] */ || b === 0x7d /* } */) stack.pop();
    else if (b === 0x2c /* , */ && frame) {
      if (frame.kind === 'array') frame.index++;
      else frame.expectKey = true;
    }
    i++;
  }
  return undefined;
}

function pathOf(stack: readonly Frame[], isKey: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  stack.forEach((frame, depth) => {
    if (frame.kind === 'array') path.push(frame.index);
    else if (!(isKey && depth === stack.length - 1)) path.push(frame.key ?? '…');
  });
  return path;
}
