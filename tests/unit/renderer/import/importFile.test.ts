// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFailure } from '../../helpers/importFailure';
import { importFile, importPastedText, pastedFileName } from '../../../../renderer/import/importFile';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
const fixtureBytes = (relative: string) => new Uint8Array(readFileSync(join(FIXTURES, relative)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const NOW = new Date(2026, 10, 28, 15, 47).getTime();

describe('importFile: bad input', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const blankPage = '<!doctype html><html><head><title>x</title><script>var a = 1;</script></head><body><img src="x.png"><div>   </div></body></html>';
  it.each([
    ['empty.txt', new Uint8Array(), 'empty', /^“empty\.txt” is empty: there is no text to import\.$/],
    ['spaces.md', utf8('  \n\n\t'), 'empty', /^“spaces\.md” is empty/],
    ['nul.txt', utf8('text\u0000more'), 'binary', /^“nul\.txt” looks like a binary file, not text: it holds zero bytes or control codes that text in no encoding contains\./],
    ['photo.txt', png, 'binary', /^“photo\.txt” looks like a binary file \(a PNG image\), not text\./],
    ['huge.html', new Uint8Array(21 * 1024 * 1024).fill(0x61), 'too-large', /^“huge\.html” is 21\.0 MB; Casefile imports sources up to 20 MB\.$/],
    ['budget.xlsx', utf8('PK\u0003\u0004'), 'unsupported', /^Casefile cannot import “\.xlsx” files\. Supported: \.txt, \.md, \.html, \.htm, \.pdf, \.docx, \.png, \.jpg, \.jpeg, \.tif, \.tiff\.$/],
    ['blank.html', utf8(blankPage), 'no-text', /^“blank\.html” has no readable text\./],
    ['image-only.md', utf8('![chart](https://example.org/chart.png)\n\n<script>alert(1)</script>'), 'no-text', /^“image-only\.md” has no readable text/],
    ['controls.txt', utf8('\u200b\u00ad\n\u2028'), 'empty', /^“controls\.txt” is empty/],
  ] as const)('%s → %s', async (name, bytes, code, message) => {
    expect(await importFailure(importFile(name, bytes, { now: NOW }), code)).toMatch(message);
  });
});

describe('importFile: plain text', () => {
  it('imports the harbour article with its headline as title', async () => {
    const bytes = fixtureBytes('articles/harbour-seizure.txt');
    const draft = await importFile('harbour-seizure.txt', bytes, { now: NOW });
    expect(draft).toMatchObject({
      format: 'text',
      fileName: 'harbour-seizure.txt',
      byteLength: bytes.byteLength,
      mediaType: 'text/plain',
      titleFromFirstLine: true,
      metadata: { type: 'document', title: 'Customs officers seize record haul at Port Velden', accessed: { 'date-parts': [[2026, 11, 28]] } },
    });
    expect(draft.html).toBeUndefined();
    expect(draft.bytes).toBe(bytes);
    expect(draft.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(draft.text.slice(draft.blocks[0]!.start, draft.blocks[0]!.end)).toBe('Customs officers seize record haul at Port Velden');
    expect(draft.blocks.map((b) => draft.text.slice(b.start, b.end)).join('\n\n')).toBe(draft.text);
  });

  it('keeps transcript line breaks from a CRLF file and titles it by file name', async () => {
    const draft = await importFile('C:\\cases\\transcript-crlf.txt', fixtureBytes('articles/transcript-crlf.txt'), { now: NOW });
    expect(draft.fileName).toBe('transcript-crlf.txt');
    expect(draft.metadata.title).toBe('transcript-crlf');
    expect(draft.titleFromFirstLine).toBe(false);
    expect(draft.text).not.toContain('\r');
    expect(draft.text).toContain('\nSpeaker A: We met on the quay at six.');
  });

  it('hashes the original bytes with SHA-256', async () => {
    const draft = await importFile('abc.txt', utf8('abc'));
    expect(draft.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('importFile: Markdown', () => {
  const md = [
    '---',
    'author: Ana Ruiz',
    'date: 2025-02-03',
    '---',
    '# Budget vote: what changed',
    '',
    'Councillors voted **11 to 8**, see [the report](https://harrowby.example/report) and [this](javascript:alert(1)).',
    '',
    '> We had no choice.',
    '',
    '- Libraries stay open',
    '- Tax up 3.9%',
    '',
    '<img src="https://evil.example/x.png" onerror="alert(1)"><script>alert(2)</script>',
    '## Next steps',
  ].join('\n');

  it('renders, sanitises and keeps structure; the first # heading is the title', async () => {
    const draft = await importFile('notes.md', utf8(md), { now: NOW });
    expect(draft.format).toBe('markdown');
    expect(draft.mediaType).toBe('text/markdown');
    expect(draft.blocks.map((b) => [b.kind, draft.text.slice(b.start, b.end)])).toEqual([
      ['heading', 'Budget vote: what changed'],
      ['paragraph', 'Councillors voted 11 to 8, see the report and this.'],
      ['quote', 'We had no choice.'],
      ['list-item', 'Libraries stay open'],
      ['list-item', 'Tax up 3.9%'],
      ['heading', 'Next steps'],
    ]);
    expect(draft.metadata).toMatchObject({
      type: 'document',
      title: 'Budget vote: what changed',
      author: [{ given: 'Ana', family: 'Ruiz' }],
      issued: { 'date-parts': [[2025, 2, 3]] },
    });
    expect(draft.titleFromFirstLine).toBe(true);
    expect(draft.html).toContain('<a href="https://harrowby.example/report" rel="noopener noreferrer">');
    expect(draft.html).not.toMatch(/javascript:|<script|<img|onerror/i);
  });
});

describe('importFile: HTML', () => {
  it('imports the hostile page inertly with its article text', async () => {
    const draft = await importFile('hostile.html', fixtureBytes('import/hostile.html'), { now: NOW });
    expect(draft.format).toBe('html');
    expect(draft.mediaType).toBe('text/html');
    expect(draft.metadata).toMatchObject({ type: 'webpage', title: 'Harrowby council approves budget after late-night vote', language: 'en' });
    expect(draft.titleFromFirstLine).toBe(false);
    expect(draft.text).toContain('Councillors voted 11 to 8 in favour of the plan');
    expect(draft.html).not.toMatch(/<script|<iframe|<img|<base|<meta|<link|javascript:|onerror|evil\.example/i);
  });

  it('titles a page without metadata by its first heading', async () => {
    const draft = await importFile('plain.htm', utf8('<h2>Depot fire</h2><p>The inquiry opened on Monday.</p>'));
    expect(draft.metadata.title).toBe('Depot fire');
    expect(draft.titleFromFirstLine).toBe(true);
  });

  it('falls back to the file name for a page with neither title nor heading', async () => {
    const draft = await importFile('Council minutes.html', utf8('<p>The inquiry opened on Monday.</p>'));
    expect(draft.metadata.title).toBe('Council minutes');
    expect(draft.titleFromFirstLine).toBe(false);
  });

  it('uses the fetch address for links and as the URL', async () => {
    const draft = await importFile('page.html', utf8('<p>See <a href="/minutes">the minutes</a>.</p>'), { baseUrl: 'https://harrowby.example/news/' });
    expect(draft.metadata.URL).toBe('https://harrowby.example/news/');
    expect(draft.html).toContain('href="https://harrowby.example/minutes"');
  });
});

describe('importPastedText', () => {
  it('imports pasted text under a dated name', async () => {
    const draft = await importPastedText('Pasted witness note\r\n\r\nThe van left the depot at 04:10.', { now: NOW });
    expect(draft.fileName).toBe('Pasted text 2026-11-28 15.47.txt');
    expect(draft.fileName).toBe(pastedFileName(NOW));
    expect(draft.text).toBe('Pasted witness note\n\nThe van left the depot at 04:10.');
    expect(draft.metadata.title).toBe('Pasted witness note');
    expect(draft.bytes).toEqual(utf8('Pasted witness note\r\n\r\nThe van left the depot at 04:10.'));
  });

  it('refuses empty and oversized text', async () => {
    expect(await importFailure(importPastedText(' \n\u200b '), 'empty')).toBe('The pasted text is empty: there is no text to import.');
    expect(await importFailure(importPastedText('a'.repeat(21 * 1024 * 1024)), 'too-large')).toBe(
      'The pasted text is 21.0 MB; Casefile imports sources up to 20 MB.',
    );
  });
});

describe('importFile: encodings', () => {
  const encodings = (name: string) => fixtureBytes(`encodings/${name}`);

  it.each([
    ['windows-1252.txt', 'windows-1252', 'Le coût est estimé à 4 500 € ; la capitainerie publiera les chiffres définitifs en février.'],
    ['utf-16le-no-bom.txt', 'utf-16le', 'Café owners on the quay asked for longer opening hours.'],
    ['utf-16be-no-bom.txt', 'utf-16be', 'Café owners on the quay asked for longer opening hours.'],
    ['shift_jis.txt', 'shift_jis', '水先人によると、新しいブイは夜間でも見やすくなった。'],
    ['gb18030.txt', 'gb18030', '引航员表示，新的浮标在夜间更容易看见。'],
  ])('%s imports as %s, keeping the original bytes and their hash', async (name, encoding, sentence) => {
    const bytes = encodings(name);
    const draft = await importFile(name, bytes, { now: NOW });
    expect(draft.text).toContain(sentence);
    expect(draft.importReport?.encoding?.encoding).toBe(encoding);
    expect(draft.bytes).toBe(bytes);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice())), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(draft.sha256).toBe(digest);
  });

  it('reads an HTML page in the charset its meta tag declares', async () => {
    const draft = await importFile('hafen.html', encodings('latin-1-meta.html'), { now: NOW });
    expect(draft.metadata.title).toBe('Hafenbericht aus Velden');
    expect(draft.text).toContain('Die Gebühren für große Schiffe steigen um fünf Prozent.');
    expect(draft.text).toContain('Señora Núñez');
    expect(draft.importReport?.encoding).toEqual({ encoding: 'windows-1252', how: 'declared', declared: 'iso-8859-1' });
  });

  it('reopens the same bytes in an encoding the user chooses', async () => {
    const draft = await importFile('windows-1252.txt', encodings('windows-1252.txt'), { now: NOW, encoding: 'windows-1251' });
    expect(draft.importReport?.encoding).toEqual({ encoding: 'windows-1251', how: 'chosen' });
    expect(draft.text).not.toContain('€');
  });
});

describe('importFile: what a page hides, its furniture, formulas and metadata', () => {
  it('leaves hidden text out, counts it and keeps it aside', async () => {
    const page = `<html><head><title>Quay works</title><style>.seo { display: none } #plant { visibility: hidden }</style></head><body>
      <h1>Quay works start</h1><p>The council starts work on the quay on Monday.</p>
      <p class="seo">cheap flights quay hotels best price</p><div id="plant">The mayor resigned.</div>
      <p hidden>Draft paragraph never published.</p><p style="display:none">Inline hidden words.</p>
      <p>Traffic will be diverted for two weeks.</p></body></html>`;
    const draft = await importFile('quay.html', utf8(page), { now: NOW });
    expect(draft.text).toBe('Quay works start\n\nThe council starts work on the quay on Monday.\n\nTraffic will be diverted for two weeks.');
    expect(draft.importReport?.hidden).toEqual({
      count: 4,
      blocks: ['cheap flights quay hotels best price', 'Draft paragraph never published.', 'Inline hidden words.', 'The mayor resigned.'],
    });
  });

  it('keeps the body of a page without article markup and drops its widgets', async () => {
    const page = `<html><head><title>Ferry timetable change</title></head><body>
      <div class="site-menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a> <a href="/contact">Contact</a></div>
      <div class="share-tools"><a href="https://social.example/share">Share on Social</a> <a href="mailto:?subject=x">Email</a></div>
      <div class="content"><p>The winter timetable for the island ferry starts on 3 November.</p><p>Sailings at 06:40 and 21:15 are dropped.</p></div>
      <div id="comments"><p>Finally some sense.</p><p>What about the school run?</p></div>
      <p><a href="#top">Back to top</a></p><div class="bottom">Powered by SiteBuilder · © 2025 Island News</div></body></html>`;
    const draft = await importFile('ferry.html', utf8(page), { now: NOW });
    expect(draft.text).toBe('The winter timetable for the island ferry starts on 3 November.\n\nSailings at 06:40 and 21:15 are dropped.');
  });

  it('keeps a formula as its TeX, alttext or linear text', async () => {
    const page = `<p>There are two solutions to <math><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>-</mo><mn>4</mn><mo>=</mo><mn>0</mn></mrow><annotation encoding="application/x-tex">x^2 - 4 = 0</annotation></semantics></math> and they are <math alttext="\\pm 2"><mo>±</mo><mn>2</mn></math>.</p>
      <p>The mean is <math><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></mfrac></math>.</p>`;
    const draft = await importFile('maths.html', utf8(page), { now: NOW });
    expect(draft.text).toBe('There are two solutions to x^2 - 4 = 0 and they are \\pm 2.\n\nThe mean is (a + b)/2.');
  });

  it('reads multi-valued properties, refuses type names as titles and dates as authors, and prefers the visible byline', async () => {
    const page = `<html><head><meta property="og:title dc:title" content="Pier reopens after repairs">
      <meta name="author" content="Desk Editor"><meta property="article:author" content="5 March 2025">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"NewsArticle"}</script></head>
      <body><article><h1>Pier reopens</h1><p class="byline">By Marta Okafor</p><p>The pier reopened on Saturday after six months of repairs.</p></article></body></html>`;
    const draft = await importFile('pier.html', utf8(page), { now: NOW });
    expect(draft.metadata.title).toBe('Pier reopens after repairs');
    expect(draft.metadata.author).toEqual([{ given: 'Marta', family: 'Okafor' }]);
    expect(draft.importReport?.metadataAuthors).toEqual(['Desk Editor']);

    // A date in the first author field is not a name: the next field's author is taken.
    const dated = `<html><head><meta name="author" content="Updated 5 March 2025, 10:30"><meta property="article:author" content="Ruth Okafor"></head>
      <body><p>The ferry timetable changes on Monday.</p></body></html>`;
    expect((await importFile('ferry.html', utf8(dated), { now: NOW })).metadata.author).toEqual([{ given: 'Ruth', family: 'Okafor' }]);

    const typeOnly = await importFile('list.html', utf8('<html><head><title>ListArticle</title><meta property="og:title" content="list article"></head><body><p>Ten ferries ranked.</p></body></html>'), { now: NOW });
    expect(typeOnly.metadata.title).toBe('list');
  });
});

describe('importFile: pages and Word files too big or too deep to read', () => {
  it('refuses a page nested deeper than browsers nest, with a message', async () => {
    const deep = '<div>'.repeat(100_000) + 'bottom' + '</div>'.repeat(100_000);
    expect(await importFailure(importFile('deep.html', utf8(deep), { now: NOW }), 'too-complex')).toMatch(/^“deep\.html” nests its elements more than 512 levels deep/);
  });

  it('refuses a page with more elements than any article', async () => {
    const wide = `<body>${'<p>x</p>'.repeat(200_001)}</body>`;
    expect(await importFailure(importFile('wide.html', utf8(wide), { now: NOW }), 'too-complex')).toMatch(/^“wide\.html” has more than 200,000 HTML elements/);
  });

  it('imports a big page in chunks, keeping every paragraph in order', async () => {
    const paragraphs = Array.from({ length: 6_000 }, (_, i) => `Paragraph ${i + 1} of the harbour inquiry transcript.`);
    const page = `<html><head><title>Inquiry transcript</title></head><body><main>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</main></body></html>`;
    const draft = await importFile('inquiry.html', utf8(page), { now: NOW });
    expect(draft.blocks).toHaveLength(6_000);
    expect(draft.text).toBe(paragraphs.join('\n\n'));
    expect(draft.metadata.title).toBe('Inquiry transcript');
  });

  it('can be cancelled; nothing comes back', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await importFailure(importFile('notes.txt', utf8('Some notes.'), { now: NOW, signal: controller.signal }), 'cancelled')).toMatch(/cancelled/);
  });
});
