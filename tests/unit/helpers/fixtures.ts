import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

/** The path of a file under tests/fixtures. */
export function fixture(relative: string): string {
  return join(FIXTURES, relative);
}
