import { describe, expect, it } from 'vitest';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { findJsonSyntaxProblem, jsonSyntaxRef, lineAndColumn } from '../../../../shared/text/jsonSyntax';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('where a text stops being JSON', () => {
  it.each([
    '0',
    '-0.5e+10',
    '"a \\"quoted\\" \\u00e9 \\n word"',
    'true',
    ' null ',
    '[]',
    '{}',
    '[1, [2, [3, {"a": [ ]}]], {"b": {}}]',
    '{"x": -12.25E-3, "y": "\uD83D\uDE00", "z": [true, false, null]}\n',
  ])('finds nothing wrong in %s', (text) => {
    expect(parses(text)).toBe(true);
    expect(findJsonSyntaxProblem(text)).toBeNull();
  });

  // Places are those of the offending token (a string with a bad character inside is pointed at from its quote).
  it.each<[string, ReturnType<typeof findJsonSyntaxProblem>]>([
    ['', 'end'],
    ['   ', 'end'],
    ['{"title": "x"', 'end'],
    ['[1, 2', 'end'],
    ['"open', 'end'],
    ['{"a":', 'end'],
    ['tru', 'end'],
    ['-', 'end'],
    ['1.', 'end'],
    ['{"a": 1,}', { at: 8 }],
    ['[1, 2,]', { at: 6 }],
    ['{a: 1}', { at: 1 }],
    ["{'a': 1}", { at: 1 }],
    ['{"a" 1}', { at: 5 }],
    ['[1 2]', { at: 3 }],
    ['01', { at: 1 }],
    ['1.e5', { at: 0 }],
    ['"tab\there"', { at: 0 }],
    ['"\\x"', { at: 0 }],
    ['"\\u12G4"', { at: 0 }],
    ['[1]]', { at: 3 }],
    ['{"a": 1} x', { at: 9 }],
    ['nul!', { at: 0 }],
    ['\uFEFF{}', { at: 0 }],
    ['{"a": [1, 2}', { at: 11 }],
    ['{"a": 1 /* note */}', { at: 8 }],
    ['[1,,2]', { at: 3 }],
  ])('places the problem in %j', (text, expected) => {
    expect(parses(text)).toBe(false);
    expect(findJsonSyntaxProblem(text)).toEqual(expected);
  });

  it('agrees with JSON.parse on every cut of a real file: whole it is JSON, cut short it ends too early', () => {
    const text = JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', items: [{ id: 'a', body: [{ value: 'Zoë said “yes”', n: -1.5e3 }], ok: true, none: null }] }, null, 2);
    expect(findJsonSyntaxProblem(text)).toBeNull();
    for (let cut = 0; cut < text.length; cut++) {
      const piece = text.slice(0, cut);
      const problem = findJsonSyntaxProblem(piece);
      expect(problem === null, `cut at ${cut}`).toBe(parses(piece));
      // A prefix can only be wrong by stopping (a number may be complete where it is cut).
      if (problem !== null) expect(problem, `cut at ${cut}`).toBe('end');
    }
  });

  it('says only that it is not JSON when nesting is deeper than the parser can follow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(findJsonSyntaxProblem(deep.slice(0, -1))).toBeNull();
    expect(jsonSyntaxRef(deep.slice(0, -1))).toEqual({ key: 'jsonSyntax.other' });
  });

  it('counts lines from 1 and columns in characters', () => {
    const text = '{\n  "a": 1,\n  "ü😀": x\n}';
    expect(findJsonSyntaxProblem(text)).toEqual({ at: text.indexOf('x') });
    expect(lineAndColumn(text, text.indexOf('x'))).toEqual({ line: 3, column: 9 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });

  it('says it in the UI’s language, without the engine’s words', () => {
    const es = createTranslator('es');
    const en = createTranslator('en');
    expect(translateRef(es, jsonSyntaxRef('{\n  "a": 1,\n}'))).toBe('texto inesperado en la línea 3, columna 1');
    expect(translateRef(en, jsonSyntaxRef('{\n  "a": 1,\n}'))).toBe('unexpected text at line 3, column 1');
    expect(translateRef(es, jsonSyntaxRef('[1, 2'))).toBe('termina antes de tiempo, como si faltara un corchete, una llave o unas comillas de cierre');
    expect(jsonSyntaxRef('[]')).toEqual({ key: 'jsonSyntax.other' });
  });
});
