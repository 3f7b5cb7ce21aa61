/**
 * Word (.docx) bytes → HTML with mammoth, which maps Word's structure
 * (headings, lists, tables, links) to plain elements and never copies styles
 * or scripts. The HTML then takes the same sanitiser path as an HTML import.
 * Images are dropped at conversion (the sanitiser would drop them anyway), and
 * linked external files are never read. It runs in the import worker.
 */
import mammoth from 'mammoth';
import { MAX_SOURCE_BYTES } from '../../shared/import/detect';
import { checkZipSize } from '../../shared/import/docxSize';
import { fileSubject, importErrors } from '../../shared/import/errors';

/** The local-file header every .docx (a zip) starts with. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const WORD = 'Word (.docx)';

export async function docxToHtml(name: string, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength > MAX_SOURCE_BYTES) throw importErrors.tooLarge(fileSubject(name), bytes.byteLength);
  if (bytes.byteLength === 0) throw importErrors.empty(fileSubject(name));
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) throw importErrors.corrupt(name, WORD);
  // Weigh the archive before mammoth (jszip) inflates it: a zip bomb is refused here.
  checkZipSize(name, bytes);
  const arrayBuffer = bytes.slice().buffer;
  // The browser build of mammoth reads `arrayBuffer`, the Node build (unit tests) `buffer`.
  const input = { arrayBuffer, buffer: arrayBuffer } as Parameters<typeof mammoth.convertToHtml>[0];
  try {
    const result = await mammoth.convertToHtml(input, {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    });
    return result.value;
  } catch {
    throw importErrors.corrupt(name, WORD);
  }
}
