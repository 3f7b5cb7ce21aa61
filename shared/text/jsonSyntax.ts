/**
 * Where a text stops being JSON, in our words rather than the JavaScript engine's: engines word and place
 * their `JSON.parse` errors differently (and Safari gives no position at all), so a file that will not parse
 * is scanned again here, by the grammar of RFC 8259, for the first character that breaks it. Only called
 * after `JSON.parse` has failed; linear, with an explicit stack, so deep nesting costs no recursion.
 */
import type { MessageRef } from '../i18n';

/** The first offending character (an offset into `text`), `'end'` when the text stops before its value is complete, or `null` when it is JSON. */
export type JsonSyntaxProblem = { at: number } | 'end' | null;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  /** A string from its opening quote at `i`; a problem, or undefined with `i` after the closing quote. */
  const string = (): JsonSyntaxProblem | undefined => {
    i++;
    for (;;) {
      if (i >= n) return 'end';
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        i++;
        if (i >= n) return 'end';
        const escape = text[i]!;
        if ('"\\/bfnrt'.includes(escape)) i++;
        else if (escape === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= n) return 'end';
            if (!isHex(text[i])) return { at: i };
          }
          i++;
        } else return { at: i };
      } else if (c.charCodeAt(0) < 0x20) return { at: i };
      else i++;
    }
  };
  /** Digits at `i`, at least one. */
  const digits = (): JsonSyntaxProblem | undefined => {
    if (i >= n) return 'end';
    if (!isDigit(text[i])) return { at: i };
    while (isDigit(text[i])) i++;
    return undefined;
  };
  const number = (): JsonSyntaxProblem | undefined => {
    if (text[i] === '-') i++;
    if (i >= n) return 'end';
    if (text[i] === '0') i++;
    else {
      const problem = digits();
      if (problem) return problem;
    }
    if (text[i] === '.') {
      i++;
      const problem = digits();
      if (problem) return problem;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      const problem = digits();
      if (problem) return problem;
    }
    return undefined;
  };
  const literal = (word: string): JsonSyntaxProblem | undefined => {
    for (const c of word) {
      if (i >= n) return 'end';
      if (text[i] !== c) return { at: i };
      i++;
    }
    return undefined;
  };
  /** An object's key and its colon, from `i`. */
  const key = (): JsonSyntaxProblem | undefined => {
    if (i >= n) return 'end';
    if (text[i] !== '"') return { at: i };
    const problem = string();
    if (problem) return problem;
    skipSpace();
    if (i >= n) return 'end';
    if (text[i] !== ':') return { at: i };
    i++;
    return undefined;
  };

  for (;;) {
    // A value starts here.
    skipSpace();
    if (i >= n) return 'end';
    const c = text[i]!;
    let problem: JsonSyntaxProblem | undefined;
    let opened = false;
    if (c === '{' || c === '[') {
      i++;
      skipSpace();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c);
        opened = true;
        if (c === '{') problem = key();
      }
    } else if (c === '"') problem = string();
    else if (c === '-' || isDigit(c)) problem = number();
    else if (c === 't') problem = literal('true');
    else if (c === 'f') problem = literal('false');
    else if (c === 'n') problem = literal('null');
    else return { at: i };
    if (problem) return problem;
    if (opened) continue;
    // After a value: a comma and the next member, the end of its container, or the end of the text.
    for (;;) {
      skipSpace();
      const top = stack[stack.length - 1];
      if (top === undefined) return i >= n ? null : { at: i };
      if (i >= n) return 'end';
      if (text[i] === ',') {
        i++;
        if (top === '{') {
          skipSpace();
          const keyProblem = key();
          if (keyProblem) return keyProblem;
        }
        break;
      }
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      return { at: i };
    }
  }
}

/** The line and column (both from 1, the column in characters) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/** Why `text` is not JSON, as a message (`jsonSyntax.*`): where it breaks, that it stops too early, or, when the scan finds nothing, that it is not JSON. */
export function jsonSyntaxRef(text: string): MessageRef {
  const problem = findJsonSyntaxProblem(text);
  if (problem === 'end') return { key: 'jsonSyntax.end' };
  if (problem === null) return { key: 'jsonSyntax.other' };
  return { key: 'jsonSyntax.at', values: lineAndColumn(text, problem.at) };
}
