import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../../../shared/import/frontMatter';
import { isSchemaTypeName, looksLikeDate, metadataFromHints, parseAuthors, parseCslDate, parseCslName } from '../../../../shared/import/metadata';

describe('parseCslName', () => {
  it.each([
    ['Nikki Holland', { given: 'Nikki', family: 'Holland' }],
    ['By Ruth Okafor', { given: 'Ruth', family: 'Okafor' }],
    ['Holland, Nikki', { family: 'Holland', given: 'Nikki' }],
    ['Mary Ann  Evans', { given: 'Mary Ann', family: 'Evans' }],
    ['Owen de Vries', { given: 'Owen', family: 'de Vries' }],
    ['Martin Luther King Jr.', { given: 'Martin Luther', family: 'King Jr.' }],
    ['National Crime Agency', { literal: 'National Crime Agency' }],
    ['Metropolitan Police', { literal: 'Metropolitan Police' }],
    ['Ministry of Justice', { literal: 'Ministry of Justice' }],
    ['Gazette Staff', { literal: 'Gazette Staff' }],
    ['Reuters', { literal: 'Reuters' }],
    ['BBC News', { literal: 'BBC News' }],
    ['Acme Widgets Ltd', { literal: 'Acme Widgets Ltd' }],
  ])('%s', (raw, name) => {
    expect(parseCslName(raw)).toEqual(name);
  });

  it('ignores profile URLs and e-mail addresses', () => {
    expect(parseCslName('https://social.example/priya')).toBeUndefined();
    expect(parseCslName('desk@gazette.example')).toBeUndefined();
    expect(parseCslName('   ')).toBeUndefined();
  });
});

describe('parseAuthors', () => {
  it('splits bylines and de-duplicates', () => {
    expect(parseAuthors(['By Ana Ruiz and Tom Hale', 'Ana Ruiz; Press Association', 'Lee Chan, Sam Ortiz'])).toEqual([
      { given: 'Ana', family: 'Ruiz' },
      { given: 'Tom', family: 'Hale' },
      { literal: 'Press Association' },
      { given: 'Lee', family: 'Chan' },
      { given: 'Sam', family: 'Ortiz' },
    ]);
  });
});

describe('isSchemaTypeName', () => {
  it.each(['NewsArticle', 'list article', 'Blog Posting', 'WebPage', 'https://schema.org/ReportageNewsArticle', 'schema:ScholarlyArticle'])('%s is a type name', (title) => {
    expect(isSchemaTypeName(title)).toBe(true);
  });
  it.each(['Harbour dues rise', 'The list', 'News', 'Web of lies: a report on the harbour page', 'Pier reopens after repairs'])('%s is a title', (title) => {
    expect(isSchemaTypeName(title)).toBe(false);
  });
});

describe('looksLikeDate', () => {
  it.each(['5 March 2024', '2024-03-05T10:00:00Z', 'Updated 12:30 GMT', 'Published: March 5, 2024', '05/03/2024'])('%s is a date', (text) => {
    expect(looksLikeDate(text)).toBe(true);
  });
  it.each(['Ruth Okafor', 'May Chen', 'April Ruiz', 'Press Association', ''])('%s is not a date', (text) => {
    expect(looksLikeDate(text)).toBe(false);
  });
  it('keeps dates out of author lists', () => {
    expect(parseAuthors(['5 March 2024', 'Ruth Okafor'])).toEqual([{ given: 'Ruth', family: 'Okafor' }]);
  });
});

describe('parseCslDate', () => {
  it.each([
    ['2024-03-05', [2024, 3, 5]],
    ['2024-03-05T23:30:00-05:00', [2024, 3, 5]],
    ['2024-03', [2024, 3]],
    ['2024', [2024]],
    ['2024/3/5', [2024, 3, 5]],
    ['Tue, 05 Mar 2024 10:00:00 GMT', [2024, 3, 5]],
    ['5 March 2024', [2024, 3, 5]],
    ['3rd February 2025', [2025, 2, 3]],
    ['March 5, 2024', [2024, 3, 5]],
    ['Sept. 12, 2023', [2023, 9, 12]],
    ['June 2020', [2020, 6]],
  ])('%s', (raw, parts) => {
    expect(parseCslDate(raw)).toEqual({ 'date-parts': [parts], raw });
  });

  it('keeps only the raw text when a date cannot be read without guessing', () => {
    expect(parseCslDate('last Tuesday')).toEqual({ raw: 'last Tuesday' });
    expect(parseCslDate('2023-02-30')).toEqual({ raw: '2023-02-30' });
    expect(parseCslDate('2024-13-01')).toEqual({ raw: '2024-13-01' });
    expect(parseCslDate('  ')).toBeUndefined();
  });
});

describe('metadataFromHints', () => {
  it('builds a newspaper article from Open Graph-style hints', () => {
    expect(
      metadataFromHints(
        {
          title: 'Budget passes | Harrowby Gazette',
          authors: ['Priya Castellane'],
          siteName: 'Harrowby Gazette',
          publisher: 'Gazette Media Group',
          published: '2025-02-03T18:45:00Z',
          url: 'https://gazette.example/budget',
          language: 'en_GB',
          type: 'article',
        },
        'budget.html',
      ),
    ).toEqual({
      type: 'article-newspaper',
      title: 'Budget passes',
      author: [{ given: 'Priya', family: 'Castellane' }],
      'container-title': 'Harrowby Gazette',
      publisher: 'Gazette Media Group',
      issued: { 'date-parts': [[2025, 2, 3]], raw: '2025-02-03T18:45:00Z' },
      URL: 'https://gazette.example/budget',
      language: 'en-GB',
    });
  });

  it('types HTML without an article site as a web page and text as a document', () => {
    expect(metadataFromHints({ type: 'article' }, 'page.htm').type).toBe('webpage');
    expect(metadataFromHints({ siteName: 'Blog' }, 'page.html').type).toBe('webpage');
    expect(metadataFromHints({}, 'notes.txt').type).toBe('document');
    expect(metadataFromHints({}, 'notes.md', 'markdown').type).toBe('document');
  });

  it('falls back to the file name for the title and drops unusable values', () => {
    expect(metadataFromHints({ title: '  ', url: 'javascript:alert(1)', language: 'not a language', authors: [] }, 'folder/Budget notes.txt')).toEqual({
      type: 'document',
      title: 'Budget notes',
    });
  });
});

describe('splitFrontMatter', () => {
  it('reads flat keys and lists, and returns the body after the block', () => {
    const md = '---\ntitle: "Budget vote notes"\nauthor:\n  - Ana Ruiz\n  - Tom Hale\ndate: 2025-02-03\nurl: https://gazette.example/x\n---\n# Heading\n\nBody.';
    expect(splitFrontMatter(md)).toEqual({
      body: '# Heading\n\nBody.',
      hints: { title: 'Budget vote notes', authors: ['Ana Ruiz', 'Tom Hale'], published: '2025-02-03', url: 'https://gazette.example/x' },
    });
    expect(splitFrontMatter('---\nauthors: [Ana Ruiz, "Tom Hale"]\n---\n').hints.authors).toEqual(['Ana Ruiz', 'Tom Hale']);
  });

  it('leaves Markdown without front matter alone', () => {
    const md = '---\n\nA rule, then text with no closing rule.';
    expect(splitFrontMatter(md)).toEqual({ body: md, hints: {} });
  });
});
