import { describe, expect, it } from 'vitest';
import { BOILERPLATE_ATTRIBUTE } from '../../../../../shared/import/html/boilerplate';
import { CHUNK_MAX_ELEMENTS, READABILITY_MAX_ELEMENTS } from '../../../../../shared/import/html/limits';
import { linearMath } from '../../../../../shared/import/html/math';
import { prepareHtml } from '../../../../../shared/import/html/prepare';
import { prescanHtml } from '../../../../../shared/import/html/prescan';
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { isTag, type Element } from 'domhandler';

const marks = (html: string) => [...html.matchAll(new RegExp(`${BOILERPLATE_ATTRIBUTE}="([a-z-]+)"`, 'g'))].map((m) => m[1]);

describe('prescan', () => {
  it('follows implied end tags, so unclosed paragraphs and list items are not nesting', () => {
    const html = `<body>${'<p>para'.repeat(2000)}<ul>${'<li>item'.repeat(2000)}</ul></body>`;
    expect(prescanHtml(html).depth).toBeLessThan(10);
  });

  it('stops at the first limit crossed', () => {
    expect(prescanHtml('<div>'.repeat(1000), { depth: 512, elements: 1e6 })).toMatchObject({ exceeded: 'depth', depth: 513 });
    expect(prescanHtml('<b>x</b>'.repeat(50), { depth: 512, elements: 10 })).toMatchObject({ exceeded: 'elements', elements: 11 });
  });

  it('does not count SVG and MathML elements', () => {
    expect(prescanHtml(`<p>a</p><svg>${'<path/>'.repeat(100)}</svg><math>${'<mi>x</mi>'.repeat(100)}</math>`).elements).toBe(1);
  });
});

describe('prepareHtml', () => {
  it('drops scripts, styles, comments, media and form controls, keeps JSON-LD and metadata for the head', () => {
    const prepared = prepareHtml(
      'page.html',
      `<html lang="fr" dir="ltr"><head><title>T</title><meta name="author" content="A"><link rel="canonical" href="https://x.example/a"><script>evil()</script><script type="application/ld+json">{"@type":"NewsArticle"}</script></head>
      <body><!-- note --><script>x()</script><style>p{}</style><img src="a.png"><video></video><svg><text>chart</text></svg><button>Menu</button><p onclick="x()" style="color:red" data-x="1" class="lead">Text</p><script type="application/ld+json">{"@type":"Person"}</script></body></html>`,
    );
    expect(prepared.chunks).toEqual(['<p class="lead">Text</p>']);
    expect(prepared.head).toContain('<title>T</title>');
    expect(prepared.head).toContain('<meta name="author" content="A">');
    expect(prepared.head).toContain('<link rel="canonical" href="https://x.example/a">');
    expect(prepared.head).toContain('{"@type":"NewsArticle"}');
    expect(prepared.head).toContain('{"@type":"Person"}');
    expect(prepared.head).not.toContain('evil');
    expect(prepared).toMatchObject({ lang: 'fr', dir: 'ltr', whole: true });
  });

  it('strips boilerplate marks a page wrote itself, so it cannot hide its own text', () => {
    const prepared = prepareHtml('page.html', `<p ${BOILERPLATE_ATTRIBUTE}="share">Real words of the article, nothing else here.</p>`);
    expect(marks(prepared.chunks[0]!)).toEqual([]);
  });

  it('marks page furniture by landmark, role, name, label, text and link density, and never the article', () => {
    const links = (n: number, prefix = '/') => Array.from({ length: n }, (_, i) => `<a href="${prefix}${i}">L${i}</a>`).join(' ');
    const prepared = prepareHtml(
      'page.html',
      `<body><header><a href="/">Site</a></header><div role="navigation">${links(3)}</div><div class="social-share-bar">share</div>
       <div aria-label="Table of contents">${links(3, '#s')}</div><ul class="tag-cloud">${links(6)}</ul><div id="disqus_thread">comments</div>
       <div class="wrapper has-comments"><h1>Story</h1><p>${'The story of the quay repairs. '.repeat(20)}</p><ol>${links(4, '#n')}</ol></div>
       <div>${links(8)}</div><p><a href="#top">↑ Back to top</a></p><div class="bottom">Powered by Example CMS</div><footer>Site footer</footer></body>`,
    );
    expect(marks(prepared.chunks[0]!)).toEqual(['navigation', 'navigation', 'share', 'contents', 'tags', 'comments', 'contents', 'links', 'back-to-top', 'footer', 'footer']);
    expect(prepared.chunks[0]).toContain('<h1>Story</h1>');
  });

  it('keeps every kind of furniture whose marks would take half the page (a forum is all comments)', () => {
    const prepared = prepareHtml('forum.html', `<body><h2>Thread</h2>${'<div class="comment"><p>A long reply that is the content of this page, nothing less.</p></div>'.repeat(20)}</body>`);
    expect(marks(prepared.chunks[0]!)).toEqual([]);
  });

  it('finds the visible byline, not a date', () => {
    expect(prepareHtml('a.html', '<p class="byline">By Ana Ruiz | 5 March 2025</p><p>Text.</p>').byline).toBe('Ana Ruiz');
    expect(prepareHtml('a.html', '<span class="author">5 March 2025</span><a rel="author" href="/t">Tom Hale</a><p>Text.</p>').byline).toBe('Tom Hale');
  });

  it('cuts a big page into bounded chunks at sibling boundaries, wrapped in their ancestors, and leaves its furniture out', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td>Row ${i}</td><td>${i}</td></tr>`).join('');
    const prepared = prepareHtml('big.html', `<body><nav><a href="/">Home</a></nav><table><tbody>${rows}</tbody></table><blockquote>${'<p>q</p>'.repeat(2000)}</blockquote></body>`);
    expect(prepared.whole).toBe(false);
    expect(prepared.elements).toBeGreaterThan(READABILITY_MAX_ELEMENTS);
    expect(prepared.chunks.length).toBeGreaterThan(4);
    for (const chunk of prepared.chunks) {
      const tree = parse(`<body>${chunk}</body>`, { treeAdapter: adapter });
      let count = 0;
      const stack = [...tree.children];
      while (stack.length) {
        const node = stack.pop()!;
        if (isTag(node)) {
          count++;
          stack.push(...(node as Element).children);
        }
      }
      expect(count).toBeLessThanOrEqual(CHUNK_MAX_ELEMENTS + 10);
      expect(chunk.startsWith('<table><tbody><tr>') || chunk.startsWith('<blockquote><p>')).toBe(true);
    }
    const text = prepared.chunks.join('');
    expect(text).not.toContain('Home');
    expect(text.match(/<tr>/g)).toHaveLength(3000);
    expect(text.indexOf('Row 0<')).toBeLessThan(text.indexOf('Row 2999<'));
  });
});

describe('linearMath', () => {
  it.each([
    ['<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>', '√(x + 1)'],
    ['<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>', 'x_i^2'],
    ['<mroot><mi>x</mi><mn>3</mn></mroot>', 'root(3, x)'],
    ['<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable>', '1, 0; 0, 1'],
  ])('%s → %s', (markup, expected) => {
    const tree = parse(`<math>${markup}</math>`, { treeAdapter: adapter });
    const html = tree.children.find(isTag)!;
    const body = html.children.filter(isTag)[1]!;
    expect(linearMath(body.children.find(isTag)!).replace(/\s+/g, ' ').trim()).toBe(expected);
  });
});
