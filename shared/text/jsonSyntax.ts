/**
 * Where a text stops being JSON, in our words rather than the JavaScript engine's: engines word and place
 * their `JSON.parse` errors differently (and Safari gives no position at all). Only called after
 * `JSON.parse` has failed: the text is parsed again with jsonc-parser (VS Code's JSON scanner), strict
 * (no comments, no trailing commas), and its first error is told as a place, or as the text ending early.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { MessageRef } from '../i18n';

/** The first offending token (an offset into `text`), `'end'` when the text stops before its value is complete, or `null` when nothing was found. */
export type JsonSyntaxProblem = { at: number } | 'end' | null;

/** A string or number that runs into the end of the text. */
const UNFINISHED = new Set(['UnexpectedEndOfString', 'UnexpectedEndOfNumber']);

/** A token cut short reads as a symbol jsonc-parser does not know: the start of a literal or of a negative number. */
const isLiteralStart = (token: string) => token === '-' || ['true', 'false', 'null'].some((word) => word.startsWith(token));

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // Nesting deeper than the parser's stack: no place to point to.
    return null;
  }
  const first = errors[0];
  if (!first) return null;
  // Something was still expected where the text ends, or its last token runs into the end unfinished.
  if (first.offset >= text.trimEnd().length) return 'end';
  const last = first.offset + first.length >= text.length;
  const code = printParseErrorCode(first.error);
  if (last && (UNFINISHED.has(code) || (code === 'InvalidSymbol' && isLiteralStart(text.slice(first.offset))))) return 'end';
  return { at: first.offset };
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

/** Why `text` is not JSON, as a message (`jsonSyntax.*`): where it breaks, that it stops too early, or, when no place is found, that it is not JSON. */
export function jsonSyntaxRef(text: string): MessageRef {
  const problem = findJsonSyntaxProblem(text);
  if (problem === 'end') return { key: 'jsonSyntax.end' };
  if (problem === null) return { key: 'jsonSyntax.other' };
  return { key: 'jsonSyntax.at', values: lineAndColumn(text, problem.at) };
}
