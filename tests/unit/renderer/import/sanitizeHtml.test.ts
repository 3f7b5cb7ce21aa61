// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metadataFromHints } from '../../../../shared/import/metadata';
import { prepareHtml } from '../../../../shared/import/html/prepare';
import { sanitizeArticle, type SanitizeOptions } from '../../../../renderer/import/sanitizeHtml';

/** The whole HTML path as an import takes it: the worker's preparation, then the sanitiser. */
const sanitize = (html: string, baseUrl?: string, options?: SanitizeOptions) => sanitizeArticle(prepareHtml('page.html', html), baseUrl, options);

// Under jsdom, `new URL(relative, import.meta.url)` resolves against the test page (http://localhost:3000), so use paths.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/import');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

const texts = (parts: { text: string }[]) => parts.map((p) => p.text.replace(/\s+/g, ' ').trim());

describe('sanitizeArticle: hostile page', async () => {
  const { html, parts } = await sanitize(fixture('hostile.html'));
  const clean = new DOMParser().parseFromString(html, 'text/html');

  it('removes every active or loading element', () => {
    expect(clean.querySelectorAll('script, iframe, frame, object, embed, img, video, audio, source, svg, form, input, button, link, meta, base, style')).toHaveLength(0);
    expect(html).not.toMatch(/<(script|iframe|img|base|meta|link|svg|form|object|video|style)\b/i);
  });

  it('removes event handlers, inline styles and every remote reference', () => {
    const attributes = [...clean.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
    expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
    expect(attributes).not.toContain('style');
    expect(attributes).not.toContain('src');
    expect(attributes).not.toContain('target');
    expect(html).not.toMatch(/evil\.example|javascript:|__pwned|alert\(/i);
  });

  it('keeps safe links, hardened', () => {
    const links = [...clean.querySelectorAll('a[href]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://harrowby.example/budget']);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    // The text of a neutralised link survives.
    expect(clean.body.textContent).toContain('keeps the library open');
  });

  it('keeps the article text, in order, as parts', () => {
    expect(texts(parts)).toEqual([
      'Harrowby council approves budget after late-night vote',
      'Harrowby Town Council approved its budget for the coming year shortly before midnight on Thursday, after a debate that ran for almost five hours.',
      "Councillors voted 11 to 8 in favour of the plan, which raises the council's share of local tax by 3.9 per cent and keeps the library open on Saturdays.",
      'The treasurer, Elin Marsh, said the reserve fund would fall to its lowest level in a decade. The full report is on the council website.',
      'Opposition councillors said the increase would hit pensioners hardest and promised to table an amendment at the next meeting.',
    ]);
    expect(parts[0]).toMatchObject({ kind: 'heading', level: 1 });
  });
});

describe('sanitizeArticle: cluttered page', async () => {
  const { parts, hints } = await sanitize(fixture('cluttered.html'));
  const all = texts(parts).join('\n');

  it('lets Readability pick the article', () => {
    expect(all).toContain('Emergency repairs to the Mill Lane bridge');
    expect(all).toContain('Residents can also submit written questions to the council until Friday.');
    expect(parts.filter((p) => p.kind === 'paragraph').length).toBeGreaterThanOrEqual(7);
  });

  it('leaves out navigation, sidebar and footer', () => {
    for (const clutter of ['Subscribe today', 'Most read', 'Festival returns', 'Advertisement', 'Copyright', 'Cookie settings', 'Weather']) {
      expect(all).not.toContain(clutter);
    }
  });

  it("takes Readability's title (without the site name) and byline when the page has no metadata", () => {
    expect(hints.title).toBe('Bridge repairs push Harrowby budget into the red');
    expect(hints.authors).toEqual(['Tomas Ferreira']);
    expect(hints.language).toBe('en-GB');
  });
});

describe('sanitizeArticle: metadata', () => {
  it('reads meta tags, Open Graph, JSON-LD and the canonical link into CSL', async () => {
    const { hints } = await sanitize(fixture('metadata.html'));
    expect(metadataFromHints(hints, 'metadata.html', 'html')).toEqual({
      type: 'article-newspaper',
      title: 'Councillors back library rescue plan',
      author: [
        { given: 'Priya', family: 'Castellane' },
        { given: 'Owen', family: 'de Vries' },
      ],
      'container-title': 'Harrowby Gazette',
      publisher: 'Harrowby Gazette Media Group',
      issued: { 'date-parts': [[2025, 2, 3]], raw: '2025-02-03T18:45:00+00:00' },
      URL: 'https://gazette.example/news/library-rescue',
      language: 'en-GB',
    });
  });

  it('uses JSON-LD when there are no meta tags, with authors given as strings or objects', async () => {
    const page = `<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},
      {"@type":["ReportageNewsArticle"],"headline":"Depot fire inquiry opens","author":"Sam Ortiz","datePublished":"2024-11-02",
       "publisher":{"name":"Velden Courier"},"mainEntityOfPage":{"@id":"https://courier.example/depot"}}]}</script></head>
      <body><p>The inquiry opened on Monday.</p></body></html>`;
    expect((await sanitize(page)).hints).toEqual({
      title: 'Depot fire inquiry opens',
      authors: ['Sam Ortiz'],
      siteName: 'Velden Courier',
      publisher: 'Velden Courier',
      published: '2024-11-02',
      url: 'https://courier.example/depot',
      type: 'article',
    });
  });
});

describe('sanitizeArticle: structure', () => {
  it('gives headings, quotes, list items, table rows and preformatted text their own parts', async () => {
    const { parts } = await sanitize(`<body>
      <h2>Votes   by ward</h2>
      <blockquote><p>We had no choice.</p><p>None at all.</p></blockquote>
      <ul><li>Libraries <b>stay</b> open<ul><li>Eastfield to a trust</li></ul></li></ul>
      <table><tr><th>Ward</th><th>For</th></tr><tr><td>North</td><td>4</td></tr></table>
      <pre>line  one
  line two</pre>
      <div>Loose text<br>after a break</div>
    </body>`);
    expect(parts.map((p) => [p.kind, p.text.trim()])).toEqual([
      ['heading', 'Votes by ward'],
      ['quote', 'We had no choice.'],
      ['quote', 'None at all.'],
      ['list-item', 'Libraries stay open'],
      ['list-item', 'Eastfield to a trust'],
      ['paragraph', 'Ward | For'],
      ['paragraph', 'North | 4'],
      ['paragraph', 'line  one\n  line two'],
      ['paragraph', 'Loose text\nafter a break'],
    ]);
  });

  it('resolves relative links against the base URL, and drops them without one', async () => {
    const page = '<p><a href="/budget">report</a> and <a href="#notes">notes</a> and <a href="mailto:desk@gazette.example">desk</a></p>';
    const hrefs = (html: string) => [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs((await sanitize(page, 'https://gazette.example/news/')).html)).toEqual(['https://gazette.example/budget', '#notes', 'mailto:desk@gazette.example']);
    expect(hrefs((await sanitize(page)).html)).toEqual([null, '#notes', 'mailto:desk@gazette.example']);
  });

  it('skips hidden elements', async () => {
    expect(texts((await sanitize('<p>Shown.</p><p hidden>Hidden.</p><div aria-hidden="true">Decor</div>')).parts)).toEqual(['Shown.']);
  });
});
