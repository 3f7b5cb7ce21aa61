/**
 * A tiny PDF writer for tests and the I1 benchmark: pages of Helvetica text
 * lines placed where the test says, or pages with only a painted image (a
 * "scan"). It writes real cross-reference tables, so pdf.js reads the result
 * without falling back to repair mode.
 */

export interface PdfLine {
  text: string;
  /** Baseline position in points from the bottom-left corner. */
  x: number;
  y: number;
  size?: number;
}

export type PdfPage = { lines: PdfLine[] } | { image: true };

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

function contentOf(page: PdfPage): string {
  if ('image' in page) return 'q 400 0 0 500 100 150 cm /Im1 Do Q';
  return page.lines.map((l) => `BT /F1 ${l.size ?? 12} Tf ${l.x} ${l.y} Td (${escapePdfString(l.text)}) Tj ET`).join('\n');
}

/** An 8×8 grey image, enough for pdf.js to see a painted page with no text. */
function imageObject(): string {
  const pixels = Array.from({ length: 64 }, (_, i) => ((i * 37) % 256).toString(16).padStart(2, '0')).join('');
  return `<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${pixels.length + 1} >>\nstream\n${pixels}>\nendstream`;
}

export function writePdf(pages: readonly PdfPage[], info: { title?: string; author?: string } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  // 1 catalog, 2 pages, 3 font, 4 image, 5 info, then per page: page object + content stream.
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = pages.map((_, i) => `${6 + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(imageObject());
  const infoEntries = [info.title ? `/Title (${escapePdfString(info.title)})` : '', info.author ? `/Author (${escapePdfString(info.author)})` : ''].join(' ');
  add(`<< ${infoEntries} /Producer (Casefile tests) >>`);
  pages.forEach((page, i) => {
    const content = contentOf(page);
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents ${7 + i * 2} 0 R >>`);
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });

  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Latin-1: every character is one byte, so the offsets above are byte offsets.
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

/**
 * Lay paragraphs out as a page would: `width` characters per line (approximate
 * Helvetica metrics), 14.4 pt line spacing and an extra 10 pt between paragraphs.
 */
export function flowPage(paragraphs: readonly string[], opts: { top?: number; size?: number; width?: number } = {}): PdfPage {
  const size = opts.size ?? 12;
  const width = opts.width ?? 80;
  const lines: PdfLine[] = [];
  let y = opts.top ?? 740;
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && (line + ' ' + word).length > width) {
        lines.push({ text: line, x: 72, y, size });
        y -= size * 1.2;
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push({ text: line, x: 72, y, size });
    y -= size * 1.2 + 10;
  }
  return { lines };
}
