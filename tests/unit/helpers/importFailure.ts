import { expect } from 'vitest';
import { ImportError, type ImportErrorCode } from '../../../shared/import/errors';

/** Await an import that must fail with an ImportError of `code`; return its message for further checks. */
export async function importFailure(promise: Promise<unknown>, code: ImportErrorCode): Promise<string> {
  const error: unknown = await promise.then(
    () => new Error(`expected an ImportError with code "${code}"`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).code).toBe(code);
  return (error as ImportError).message;
}
