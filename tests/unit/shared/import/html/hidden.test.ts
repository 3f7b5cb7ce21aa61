import { describe, expect, it } from 'vitest';
import { prepareHtml } from '../../../../../shared/import/html/prepare';
import { mediaMatches, specificityOf } from '../../../../../shared/import/html/stylesheet';
import { parse as parseSelector } from 'css-what';

/** The text the worker hands on (markup stripped) and what it left out as hidden. */
function visible(html: string): { text: string; hidden: string[]; count: number } {
  const prepared = prepareHtml('page.html', html);
  const text = prepared.chunks.join(' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return { text, hidden: prepared.hidden.blocks, count: prepared.hidden.count };
}

const page = (style: string, body: string) => `<html><head><style>${style}</style></head><body><main><p>Lead paragraph that readers see, long enough to be the page.</p>${body}</main></body></html>`;

describe('hidden text: the cascade decides', () => {
  it('hides by tag, class, id, attribute and descendant selectors', () => {
    const result = visible(
      page('aside { display: none } .x { display: none } #y { visibility: hidden } [data-seo] { display: none } main .deep span { display: none }', `
        <aside>by tag</aside><p class="x">by class</p><p id="y">by id</p><p data-seo="1">by attribute</p><div class="deep"><span>by descendant</span> kept</div>`),
    );
    expect(result.text).toBe('Lead paragraph that readers see, long enough to be the page. kept');
    expect(result.hidden).toEqual(['by tag', 'by class', 'by attribute', 'by descendant', 'by id']);
  });

  it('lets a later, more specific, inline or !important rule show it again', () => {
    const result = visible(
      page('.a { display: none } .a { display: block } p.b { display: block } .b { display: none } .c { display: none !important } .d { display: none } .e.e { display: none } .e { display: block !important }', `
        <p class="a">later wins</p><p class="b">specific wins</p><p class="c" style="display: block">important beats inline</p>
        <p class="d" style="display: inline">inline beats sheet</p><p class="e">important beats specific</p>`),
    );
    expect(result.text).toContain('later wins');
    expect(result.text).toContain('specific wins');
    expect(result.text).not.toContain('important beats inline');
    expect(result.text).toContain('inline beats sheet');
    expect(result.text).toContain('important beats specific');
    expect(result.count).toBe(1);
  });

  it('shows a child set visible inside a hidden parent', () => {
    const result = visible(page('.v { visibility: hidden } .v em { visibility: visible }', '<p class="v">gone <em>seen</em> gone too</p>'));
    expect(result.text).toContain('seen');
    expect(result.text).not.toContain('gone');
    expect(result.hidden).toEqual(['gone gone too']);
  });

  it('treats [hidden] and a closed dialog as the browser does, unless the page displays them', () => {
    const result = visible(page('[hidden].shown { display: block }', '<p hidden>attr</p><p hidden class="shown">overridden</p><dialog>closed</dialog><dialog open>open dialog</dialog><p hidden="until-found">findable</p>'));
    expect(result.text).toContain('overridden');
    expect(result.text).toContain('open dialog');
    expect(result.text).toContain('findable');
    expect(result.hidden).toEqual(['attr', 'closed']);
  });

  it('evaluates media queries for a desktop window and ignores states like :hover', () => {
    const result = visible(
      page('@media (max-width: 600px) { .wide { display: none } } @media screen and (min-width: 900px) { .narrow { display: none } } @media print { .screen { display: none } } .menu:hover .tip { display: none } .tip::before { display: none }', `
        <p class="wide">desktop headline</p><p class="narrow">mobile headline</p><p class="screen">screen only</p><div class="menu"><span class="tip">tip</span></div>`),
    );
    expect(result.text).toContain('desktop headline');
    expect(result.text).toContain('screen only');
    expect(result.text).toContain('tip');
    expect(result.hidden).toEqual(['mobile headline']);
  });

  it('ignores a sheet for print, rules in linked sheets and styles in templates', () => {
    const result = visible(`<html><head><style media="print">.p { display: none }</style><link rel="stylesheet" href="https://cdn.example/site.css"></head>
      <body><template><style>.t { display: none }</style></template><p class="p">print-hidden</p><p class="t">template</p><p>Lead paragraph that readers see, long enough.</p></body></html>`);
    expect(result.text).toContain('print-hidden');
    expect(result.text).toContain('template');
    expect(result.count).toBe(0);
  });

  it('does not hide the page itself (anti-flicker and anti-framing snippets)', () => {
    const result = visible(
      '<html><head><style>body { display: none !important } .wrap { visibility: hidden }</style></head><body><div class="wrap"><article><h1>Story</h1><p>The whole story, which scripts reveal once they run.</p></article></div></body></html>',
    );
    expect(result.text).toBe('Story The whole story, which scripts reveal once they run.');
    expect(result.count).toBe(0);
  });

  it('hides a page whose every word is hidden, so the import can say so', () => {
    const result = visible('<html><head><style>.x { display: none }</style></head><body><p class="x">cheap flights</p><p hidden>best hotels</p></body></html>');
    expect(result.text).toBe('');
    expect(result.count).toBe(2);
  });

  it('survives CSS it cannot parse', () => {
    const result = visible(page('@@@ {{{ .x { display: none } } ;;; .y { display', '<p class="x">x</p><p class="y">y</p>'));
    expect(result.text).toContain('y');
  });
});

describe('stylesheet helpers', () => {
  it.each([
    ['#a .b p', [1, 1, 1]],
    ['p:not(.x, #y)', [1, 0, 1]],
    [':where(#a) p', [0, 0, 1]],
    ['a[href]:first-child', [0, 2, 1]],
    ['a:hover', undefined],
    ['p::before', undefined],
  ])('specificity of %s', (selector, expected) => {
    expect(specificityOf(parseSelector(selector)[0]!)).toEqual(expected);
  });

  it.each([
    ['', true],
    ['screen', true],
    ['print', false],
    ['(max-width: 600px)', false],
    ['(min-width: 60em)', true],
    ['screen and (min-width: 768px) and (orientation: landscape)', true],
    ['(width >= 1000px)', true],
    ['(400px <= width <= 700px)', false],
    ['not print', true],
    ['print, (min-width: 1px)', true],
    ['(prefers-color-scheme: dark)', false],
    ['(scripting: none)', false],
  ])('media %s → %s', (query, expected) => {
    expect(mediaMatches(query)).toBe(expected);
  });
});
