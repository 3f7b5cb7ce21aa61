/**
 * Hostile and huge import fixtures, made by the test run itself (never
 * committed: they are megabytes, or hundreds of megabytes once inflated).
 * Every word in them is the team's own.
 */
import { deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';

const MIB = 1024 * 1024;

/** 100,000 nested `<div>`s (about 1.1 MB), the page that froze the app for 33 s. */
export function nestedDivs(depth = 100_000): Buffer {
  return Buffer.from(`<!doctype html><html><head><title>Nested</title></head><body>${'<div>'.repeat(depth)}The bottom of the well.${'</div>'.repeat(depth)}</body></html>`);
}

const SENTENCES = [
  'The harbour authority confirmed that the new buoys on the approach channel had been installed by the end of March.',
  'Pilots said the lights were easier to see at night, although two captains complained about glare in fog.',
  'The cost of the work rose by a fifth after the contractor found corroded moorings under the north pier.',
  'A spokesperson for the port said the final figures would be published with the annual accounts.',
  'Fishermen on the east quay asked for the dredging schedule to be moved so that it does not clash with the herring season.',
];

/** An article paragraph built from the team's sentences. */
function paragraph(i: number): string {
  return `${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i * 3 + 1) % SENTENCES.length]} (Paragraph ${i + 1}.)`;
}

export const BIG_PAGE_TITLE = 'Harbour works overrun budget';

/** The article paragraphs the big page shows its readers, in order. */
export function bigPageParagraphs(): string[] {
  return Array.from({ length: 60 }, (_, i) => paragraph(i));
}

/**
 * A 19 MB news page the way big sites serve them: megabytes of inline
 * scripts holding application state, style sheets, inline SVG icons, a
 * hidden mega-menu, a share bar, an article, and a comment section with
 * thousands of comments.
 */
export function bigNewsPage(targetBytes = 19 * MIB): Buffer {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${BIG_PAGE_TITLE} | Velden Courier</title>`);
  parts.push(`<meta property="og:title" content="${BIG_PAGE_TITLE}"><meta property="og:site_name" content="Velden Courier"><meta property="og:type" content="article">`);
  const rules = Array.from({ length: 2_000 }, (_, i) => `.c${i} .x${i % 97} > span.m${i % 13} { margin: ${i % 7}px ${i % 11}px; color: #${(i * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}; }`).join('\n');
  for (let i = 0; i < 24; i++) parts.push(`<style>${rules}\n.mega-menu { display: none } .sr-only-${i} { display: none }</style>`);
  const state = JSON.stringify(
    Array.from({ length: 400 }, (_, i) => ({ id: `story-${i}`, headline: SENTENCES[i % SENTENCES.length], tags: ['port', 'council', 'weather'], score: i * 17, body: SENTENCES.join(' ') })),
  );
  for (let i = 0; i < 20; i++) parts.push(`<script>window.__STATE_${i}__ = ${state};</script>`);
  parts.push('</head><body>');
  parts.push(`<header class="site-header"><nav class="site-nav">${Array.from({ length: 300 }, (_, i) => `<a href="/section/${i}">Section ${i}</a>`).join(' ')}</nav></header>`);
  parts.push(`<div class="mega-menu">${Array.from({ length: 2_000 }, (_, i) => `<a href="/topic/${i}">Topic ${i}</a>`).join(' ')}</div>`);
  const icon = `<svg viewBox="0 0 24 24" class="icon">${Array.from({ length: 20 }, (_, k) => `<path d="M${k} ${k}L${k + 4} ${k + 2}Z" fill="currentColor"/>`).join('')}</svg>`;
  parts.push(`<div class="share-bar">${Array.from({ length: 6 }, (_, i) => `<a href="https://share.example/${i}">${icon}Share</a>`).join('')}</div>`);
  parts.push(`<main><article><h1>${BIG_PAGE_TITLE}</h1><p class="byline">By Noor Haddad</p>`);
  for (const text of bigPageParagraphs()) parts.push(`<p>${text}</p>`);
  parts.push('</article></main>');
  parts.push('<section id="comments" class="comments"><h2>Comments</h2>');
  let size = parts.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
  const footer = `<footer class="site-footer"><p>Powered by Example Publishing Platform · © 2025 Velden Courier</p></footer><a href="#top">Back to top</a></body></html>`;
  for (let i = 0; size < targetBytes - footer.length - 4_000; i++) {
    const comment = `<div class="comment"><div class="comment-meta"><a href="/user/${i}">reader${i}</a> <time>2 hours ago</time>${icon}</div><p>Comment ${i}: ${SENTENCES[i % SENTENCES.length]}</p></div>`;
    parts.push(comment);
    size += Buffer.byteLength(comment) + 1;
  }
  parts.push('</section>', footer);
  return Buffer.from(parts.join('\n'));
}

/**
 * A Word file of about 300 KB whose document.xml inflates to about 300 MB:
 * a valid document (one enormous paragraph), so without a size check it
 * would be converted, and freeze the app.
 */
export function docxBomb(inflatedBytes = 300 * MIB): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
  const tail = '</w:t></w:r></w:p></w:body></w:document>';
  const xml = Buffer.alloc(inflatedBytes, 'a');
  xml.write(head, 0);
  xml.write(tail, inflatedBytes - tail.length);
  const compressed = deflateRawSync(xml, { level: 9 });
  const crc = crc32(xml);
  const small = zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
  });
  return appendDeflatedEntry(Buffer.from(small), 'word/document.xml', compressed, crc, inflatedBytes);
}

function crc32(bytes: Uint8Array): number {
  const table = new Uint32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Add one pre-deflated entry to a zip made by fflate (rewriting its central directory). */
function appendDeflatedEntry(zip: Buffer, name: string, data: Buffer, crc: number, size: number): Buffer {
  const eocd = zip.length - 22;
  const cdOffset = zip.readUInt32LE(eocd + 16);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const count = zip.readUInt16LE(eocd + 10);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(cdOffset, 42);
  const entries = zip.subarray(0, cdOffset);
  const directory = zip.subarray(cdOffset, cdOffset + cdSize);
  const end = Buffer.from(zip.subarray(eocd));
  const newDirectory = Buffer.concat([directory, central, nameBytes]);
  const newCdOffset = cdOffset + local.length + nameBytes.length + data.length;
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(newDirectory.length, 12);
  end.writeUInt32LE(newCdOffset, 16);
  return Buffer.concat([entries, local, nameBytes, data, newDirectory, end]);
}
