import { describe, expect, it } from 'vitest';
import { brief, citation, link, paragraph, quote, text } from '../../../../shared/brief/build';
import { escapeHtml, pdfHeaderFooter, renderHtml } from '../../../../shared/export/html';
import { buildExportModel } from '../../../../shared/export/model';
import { fixtureInput, fixtureModel } from './helpers';

describe('renderHtml', () => {
  it('escapes &, <, >, quotes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('writes a standalone document with notes, back-references and references, and no script', () => {
    const html = renderHtml(fixtureModel({ author: 'Desk', date: '2024-03-11' }), { print: false, pageSize: 'A4' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).toContain('<h1 class="title">Pier 9 tobacco seizure</h1>');
    expect(html).toContain('<time datetime="2024-03-11">March 11, 2024</time>');
    expect(html.match(/<sup class="cite">/g)).toHaveLength(6);
    expect(html.match(/<li id="note-\d+"/g)).toHaveLength(5);
    // Note 1 is cited twice: two anchors, two back-links.
    expect(html).toContain('href="#cite-1-1"');
    expect(html).toContain('href="#cite-1-6"');
    expect(html).toContain('<q>seized forty tonnes of undeclared tobacco from a container ship at Pier 9</q> (para. 1).');
    expect(html).toContain('<em>Ellery Harbour Gazette</em>');
    expect(html.match(/<p class="reference"/g)).toHaveLength(3);
    expect(html).toContain('<blockquote><p>Tobacco accounted');
  });

  it('escapes all user text and keeps only safe links', () => {
    const input = fixtureInput({ author: '<img src=x onerror=alert(1)>', include: { bibliography: true, claimsAppendix: true, evidenceTable: true } });
    input.case = { ...input.case, name: '</title><script>alert(1)</script>' };
    input.claims = input.claims.map((c) => ({ ...c, statement: '<b onmouseover="x">claim</b>' }));
    input.note = {
      ...input.note,
      content: brief(
        paragraph(text('<script>alert(1)</script>'), link('javascript:alert(1)', text('js')), link('https://example.org/?a=1&b=2', text('ok')), link('https://example.org/"onmouseover=x', text(' quote'))),
        quote(text('"quoted" & <em>'), citation('p-gazette-1')),
      ),
    };
    const html = renderHtml(buildExportModel(input), { print: true, pageSize: 'Letter' });
    expect(html).not.toMatch(/<script|<img|<b |javascript:/i);
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b onmouseover=&quot;x&quot;&gt;claim&lt;/b&gt;');
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;js<a href="https://example.org/?a=1&amp;b=2">ok</a> quote</p>');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;em&gt;');
  });

  it('has print styles: page size, margins and a serif face', () => {
    const a4 = renderHtml(fixtureModel(), { print: true, pageSize: 'A4' });
    expect(a4).toContain('@page { size: A4; margin: 22mm 20mm 25mm; }');
    expect(a4).toMatch(/font-family: 'Source Serif 4'.*serif;/);
    expect(renderHtml(fixtureModel(), { print: true, pageSize: 'Letter' })).toContain('@page { size: letter;');
  });

  it('supplies header and footer templates with the title and page numbers', () => {
    const input = fixtureInput();
    input.case = { ...input.case, name: 'Pier <9>' };
    const { headerTemplate, footerTemplate } = pdfHeaderFooter(buildExportModel(input));
    expect(headerTemplate).toContain('Pier &lt;9&gt;');
    expect(footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(footerTemplate).toContain('<span class="totalPages"></span>');
    expect(headerTemplate).toMatch(/font-size: 8\.5pt/);
  });
});
