import { expect } from 'vitest';
import { createTranslator, translateRef } from '../../../shared/i18n';
import { failure, HandlerError } from '../../../shared/ipc/dispatch';
import { hostRefusal } from '../../../shared/ipc/hostRefusals';

const es = createTranslator('es');

/**
 * What the renderer shows in Spanish for a refusal a host handler threw, after the answer crossed the
 * bridge: fails unless the renderer knows its code and the Spanish holds no key, empty variable or the
 * host's English.
 */
export function shownInSpanish(error: unknown): string {
  expect(error).toBeInstanceOf(HandlerError);
  const thrown = error as HandlerError;
  const refused = hostRefusal(structuredClone(failure(thrown.code, thrown.message, thrown.values).error));
  expect(refused.detail, `${thrown.code} is not translated`).toBeDefined();
  const spanish = translateRef(es, refused.detail!);
  expect(spanish).not.toBe(thrown.message);
  expect(spanish).not.toMatch(/hostError|urlFetch|\{\{|\b(The|This|Casefile could|Casefile has|Casefile opens|is not|permission)\b/);
  return spanish;
}
