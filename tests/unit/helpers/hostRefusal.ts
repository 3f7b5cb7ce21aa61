import { expect } from 'vitest';
import { createTranslator, translateRef } from '../../../shared/i18n';
import type { IpcError } from '../../../shared/ipc/contract';
import { HandlerError, refused } from '../../../shared/ipc/dispatch';
import { hostRefusal } from '../../../shared/ipc/hostRefusals';

const es = createTranslator('es');

/**
 * What the renderer shows in Spanish for a host's failed answer, after it crossed the bridge: fails unless
 * the renderer knows its code and the Spanish holds no key, empty variable or the host's English.
 */
export function answerInSpanish(answer: IpcError): string {
  const error = hostRefusal(structuredClone(answer));
  expect(error.detail, `${answer.code} is not translated`).toBeDefined();
  const spanish = translateRef(es, error.detail!);
  expect(spanish).not.toBe(answer.message);
  expect(spanish).not.toMatch(/hostError|urlFetch|\{\{|\b(The|This|Casefile could|Casefile has|Casefile opens|is not|permission)\b/);
  return spanish;
}

/** The same for a refusal a host handler threw. */
export function shownInSpanish(error: unknown): string {
  expect(error).toBeInstanceOf(HandlerError);
  return answerInSpanish(refused(error as HandlerError).error);
}
