/**
 * Word accuracy of recognised text against the text that was printed: one
 * minus the word-level edit distance (substitutions, insertions and
 * deletions) over the number of words printed, as OCR evaluations report it.
 * Words are compared exactly, punctuation and case included.
 */
export function wordAccuracy(recognised: string, printed: string): number {
  const got = recognised.split(/\s+/).filter(Boolean);
  const want = printed.split(/\s+/).filter(Boolean);
  let previous = Array.from({ length: got.length + 1 }, (_, j) => j);
  for (let i = 1; i <= want.length; i++) {
    const current = [i];
    for (let j = 1; j <= got.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (want[i - 1] === got[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return want.length === 0 ? (got.length === 0 ? 1 : 0) : Math.max(0, 1 - previous[got.length]! / want.length);
}
