/**
 * Shared test text: an invented account of a police operation, written for
 * these tests, in the register of a news report.
 */
export const REPORT = [
  'Operation Halyard began in March after investigators gained access to an encrypted messaging service used by organised crime groups.',
  'Over the following six weeks officers arrested 746 people and seized £54 million in cash, 77 firearms and more than two tonnes of drugs.',
  'The National Crime Agency said the service had around 60,000 users worldwide, of whom some 10,000 were based in the United Kingdom.',
  'Detectives said the messages revealed plans to kill rivals, and that more than 200 threats to life had been dealt with.',
  'The arrests took place in Liverpool, London and the West Midlands, and 746 people remain the subject of investigation.',
  'A spokesperson for the agency said the operation was the broadest and most significant of its kind.',
  'Critics said the figures should be treated with caution until cases come to trial.',
].join(' ');

/** Offsets of the first occurrence of `phrase` in `text`, for building passages. */
export function spanOf(text: string, phrase: string, from = 0): [number, number] {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`Fixture phrase not found: ${phrase}`);
  return [start, start + phrase.length];
}
