/**
 * The one rule for turning a name a person chose (a case, a note, a file name from the renderer) into
 * something every file system accepts, used for every file Casefile suggests or writes: bundles, case
 * JSON, annotations, brief exports, and (in main) the name a save dialog starts with.
 *
 * It keeps the name readable (spaces, accents and scripts stay) and replaces only what Windows, macOS or
 * Linux refuse — control characters and < > : " / \ | ? * — with "_", drops leading and trailing dots
 * and spaces (hidden files, Windows' trailing-dot rule), and caps the length at whole characters.
 */
const REFUSED = /[\u0000-\u001f\u007f<>:"/\\|?*]/g; // eslint-disable-line no-control-regex -- control characters are exactly what is replaced

export const MAX_FILE_STEM = 150;

export function safeFileStem(name: string, fallback: string): string {
  const cleaned = name.normalize('NFC').replace(/\s+/g, ' ').replace(REFUSED, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  const capped = Array.from(cleaned).slice(0, MAX_FILE_STEM).join('').replace(/[.\s]+$/, '');
  return capped || fallback;
}
