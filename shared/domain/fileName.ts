/**
 * The one rule for turning a name a person chose (a case, a note, a file name from the renderer) into a
 * file name every file system accepts, used for every file Casefile suggests or writes: bundles, case
 * JSON, annotations, brief exports, and (in main) the name a save dialog starts with.
 *
 * Two spellings of the same rule:
 * - `words` (bundles, the save dialog) keeps the name as the person wrote it — spaces, accents,
 *   punctuation — and replaces only what Windows, macOS or Linux refuse (control characters and
 *   < > : " / \ | ? *) with "_";
 * - `hyphenated` (exported documents, which travel by mail and links) keeps letters, digits and _ . -,
 *   drops the rest, and joins the words with hyphens: "Pier 9: seizure" → "Pier-9-seizure".
 * Both drop leading and trailing dots and spaces (hidden files, Windows' trailing-dot rule) and cap the
 * length at whole characters.
 */
const REFUSED = /[\u0000-\u001f\u007f<>:"/\\|?*]/g; // eslint-disable-line no-control-regex -- control characters are exactly what is replaced
const NOT_A_NAME_CHARACTER = /[^\p{L}\p{N}\p{M} _.-]+/gu;

export const MAX_FILE_STEM = 150;

export type FileStemStyle = 'words' | 'hyphenated';

export function safeFileStem(name: string, fallback: string, style: FileStemStyle = 'words'): string {
  const spaced = name.normalize('NFC').replace(/\s+/g, ' ');
  const cleaned =
    style === 'words'
      ? spaced.replace(REFUSED, '_').replace(/^[.\s]+|[.\s]+$/g, '')
      : spaced.replace(NOT_A_NAME_CHARACTER, '').trim().replace(/ +/g, '-').replace(/^[.-]+|[.-]+$/g, '');
  const capped = Array.from(cleaned).slice(0, MAX_FILE_STEM).join('').replace(/[.\s-]+$/, '');
  return capped || fallback;
}
