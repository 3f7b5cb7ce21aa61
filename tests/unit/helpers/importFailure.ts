import { expect } from 'vitest';
import { ImportError, type ImportErrorCode } from '../../../shared/import/errors';

/** Check that `error` is an ImportError of `code`; its message, for further checks. */
function expectImportError(error: unknown, code: ImportErrorCode): string {
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).code).toBe(code);
  return (error as ImportError).message;
}

/** Await an import that must fail with an ImportError of `code`; return its message for further checks. */
export async function importFailure(promise: Promise<unknown>, code: ImportErrorCode): Promise<string> {
  const error: unknown = await promise.then(
    () => new Error(`expected an ImportError with code "${code}"`),
    (e: unknown) => e,
  );
  return expectImportError(error, code);
}

/** The same for a call that must throw at once. */
export function importFailureSync(fn: () => unknown, code: ImportErrorCode): string {
  try {
    fn();
  } catch (error) {
    return expectImportError(error, code);
  }
  throw new Error(`expected an ImportError with code "${code}"`);
}
