/**
 * A tiny PDF writer for tests and the I1 benchmark: pages of Helvetica text
 * lines placed where the test says, pages with only a painted image (a
 * "scan"), Chinese or Japanese text in a non-embedded font that only reads
 * with Adobe's predefined CMaps, or form fields with no page text. It writes
 * real cross-reference tables, so pdf.js reads the result without falling
 * back to repair mode.
 */

export interface PdfLine {
  text: string;
  /** Baseline position in points from the bottom-left corner. */
  x: number;
  y: number;
  size?: number;
}

/** A line of Chinese or Japanese text in a font the PDF does not embed, encoded for one of Adobe's predefined CMaps. */
export interface PdfCjkLine {
  text: string;
  x: number;
  y: number;
  size?: number;
}

/** A form field: a text box or a check box, drawn as a widget annotation with no page text. */
export interface PdfField {
  name: string;
  /** The name shown to users (the field's /TU), when it differs from `name`. */
  label?: string;
  kind: 'text' | 'checkbox';
  /** Text for a text box; 'Yes' or 'Off' for a check box. */
  value: string;
}

/**
 * A page: Helvetica lines, a painted image only (a "scan"), CJK lines in a
 * non-embedded font that needs pdf.js's character maps (`UniGB-UCS2-H` for
 * Chinese, `UniJIS-UCS2-H`/`-V` for Japanese, horizontal or vertical), or
 * form fields only.
 */
export type PdfPage =
  | { lines: PdfLine[] }
  /** A painted image, with an optional line of text over it (a stamp, a filing header). */
  | { image: true; stamp?: string }
  | { cjk: PdfCjkLine[]; encoding: 'UniGB-UCS2-H' | 'UniJIS-UCS2-H' | 'UniJIS-UCS2-V' }
  | { fields: PdfField[] };

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** UTF-16BE hex, as the UCS2 CMaps read it. */
function ucs2Hex(text: string): string {
  return Array.from(text, (c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

function contentOf(page: PdfPage): string {
  if ('image' in page) return `q 400 0 0 500 100 150 cm /Im1 Do Q${page.stamp ? `\nBT /F1 9 Tf 72 760 Td (${escapePdfString(page.stamp)}) Tj ET` : ''}`;
  if ('cjk' in page) return page.cjk.map((l) => `BT /F2 ${l.size ?? 14} Tf ${l.x} ${l.y} Td <${ucs2Hex(l.text)}> Tj ET`).join('\n');
  if ('fields' in page) return '';
  return page.lines.map((l) => `BT /F1 ${l.size ?? 12} Tf ${l.x} ${l.y} Td (${escapePdfString(l.text)}) Tj ET`).join('\n');
}

/** An 8×8 grey image, enough for pdf.js to see a painted page with no text. */
function imageObject(): string {
  const pixels = Array.from({ length: 64 }, (_, i) => ((i * 37) % 256).toString(16).padStart(2, '0')).join('');
  return `<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${pixels.length + 1} >>\nstream\n${pixels}>\nendstream`;
}

/** The 32-byte padding string of the PDF standard security handler (ISO 32000-1, 7.6.3.3). */
const PASSWORD_PAD = [
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c,
  0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
];

function padded(password: string): number[] {
  return [...Array.from(password, (c) => c.charCodeAt(0)), ...PASSWORD_PAD].slice(0, 32);
}

function rc4(key: readonly number[], data: readonly number[]): number[] {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out: number[] = [];
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out.push(data[n]! ^ s[(s[i]! + s[j]!) & 255]!);
  }
  return out;
}

const hex = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * An /Encrypt dictionary (standard handler, revision 2, 40-bit RC4) whose
 * O and U entries are computed for the given passwords, so a reader without
 * the user password must refuse the file. The page content itself is left
 * unencrypted: these files exist to test that refusal, nothing past it.
 */
function encryptDictionary(userPassword: string, ownerPassword: string, id: number[], md5: (bytes: number[]) => number[]): string {
  const owner = rc4(md5(padded(ownerPassword)).slice(0, 5), padded(userPassword));
  const permissions = -44;
  const p = [permissions & 255, (permissions >> 8) & 255, (permissions >> 16) & 255, (permissions >>> 24) & 255];
  const key = md5([...padded(userPassword), ...owner, ...p, ...id]).slice(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  return `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`;
}

export interface WriteOptions {
  title?: string;
  author?: string;
  /** Protect the file with a user password; `md5` is the hash to use (tests pass Node's). */
  encrypt?: { userPassword: string; ownerPassword: string; md5: (bytes: number[]) => number[] };
}

export function writePdf(pages: readonly PdfPage[], info: WriteOptions = {}): Uint8Array {
  const objects: string[] = [];
  /** Reserve an object number now, fill its body later (for forward references). */
  const reserve = () => objects.push('');
  const add = (body: string) => objects.push(body);
  const set = (n: number, body: string) => (objects[n - 1] = body);

  const catalog = reserve();
  const pagesRef = reserve();
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add(imageObject());
  const emptyAppearance = add('<< /Type /XObject /Subtype /Form /BBox [0 0 20 20] /Length 0 >>\nstream\n\nendstream');
  const infoEntries = [info.title ? `/Title (${escapePdfString(info.title)})` : '', info.author ? `/Author (${escapePdfString(info.author)})` : ''].join(' ');
  const infoRef = add(`<< ${infoEntries} /Producer (Casefile tests) >>`);
  const id = Array.from({ length: 16 }, (_, i) => (i * 29 + 7) & 255);
  const kids: number[] = [];
  const fieldRefs: number[] = [];
  for (const page of pages) {
    const pageRef = reserve();
    kids.push(pageRef);
    const content = contentOf(page);
    const contentRef = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    let fonts = `/F1 ${helvetica} 0 R`;
    if ('cjk' in page) {
      const japanese = page.encoding.startsWith('UniJIS');
      const [base, ordering, supplement] = japanese ? ['KozMinPro-Regular', 'Japan1', 4] : ['STSong-Light', 'GB1', 4];
      const descriptor = add(`<< /Type /FontDescriptor /FontName /${base} /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>`);
      const cid = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${base} /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement ${supplement} >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`);
      const type0 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /${base}-${page.encoding} /Encoding /${page.encoding} /DescendantFonts [${cid} 0 R] >>`);
      fonts += ` /F2 ${type0} 0 R`;
    }
    let annots = '';
    if ('fields' in page) {
      const widgets = page.fields.map((field, i) => {
        const rect = `[72 ${700 - i * 40} 400 ${720 - i * 40}]`;
        const label = field.label ? ` /TU (${escapePdfString(field.label)})` : '';
        const body =
          field.kind === 'text'
            ? `<< /Type /Annot /Subtype /Widget /FT /Tx /T (${escapePdfString(field.name)})${label} /V (${escapePdfString(field.value)}) /Rect ${rect} /P ${pageRef} 0 R /F 4 /DA (/Helv 12 Tf 0 g) >>`
            : `<< /Type /Annot /Subtype /Widget /FT /Btn /T (${escapePdfString(field.name)})${label} /V /${field.value} /AS /${field.value} /Rect ${rect} /P ${pageRef} 0 R /F 4 /MK << >> /AP << /N << /Yes ${emptyAppearance} 0 R /Off ${emptyAppearance} 0 R >> >> >>`;
        return add(body);
      });
      fieldRefs.push(...widgets);
      annots = ` /Annots [${widgets.map((w) => `${w} 0 R`).join(' ')}]`;
    }
    set(pageRef, `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 612 792] /Resources << /Font << ${fonts} >> /XObject << /Im1 ${image} 0 R >> >> /Contents ${contentRef} 0 R${annots} >>`);
  }
  const acroForm = fieldRefs.length ? ` /AcroForm << /Fields [${fieldRefs.map((f) => `${f} 0 R`).join(' ')}] /DA (/Helv 0 Tf 0 g) >>` : '';
  set(catalog, `<< /Type /Catalog /Pages ${pagesRef} 0 R${acroForm} >>`);
  set(pagesRef, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  const encryptRef = info.encrypt ? add(encryptDictionary(info.encrypt.userPassword, info.encrypt.ownerPassword, id, info.encrypt.md5)) : 0;

  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  const encryption = info.encrypt ? ` /Encrypt ${encryptRef} 0 R /ID [<${hex(id)}> <${hex(id)}>]` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${infoRef} 0 R${encryption} >>\nstartxref\n${xref}\n%%EOF\n`;
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
