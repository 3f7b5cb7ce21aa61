import { describe, expect, it } from 'vitest';
import { createTranslator, translateRef, type MessageRef } from '../../../../shared/i18n';
import { failure } from '../../../../shared/ipc/dispatch';
import { FETCH_FAILURE_REASONS, FetchFailure, fetchFailureRef, type FetchFailureReason, type FetchValues } from '../../../../shared/ipc/fetchFailure';
import { hostRefusal } from '../../../../shared/ipc/hostRefusals';

const es = createTranslator('es');
const en = createTranslator('en');

/** What the renderer shows for a failure a host threw, after the trip through the IPC answer. */
function shown(error: FetchFailure): { english: string; spanish: string } {
  const answer = failure(error.code, error.message, error.values).error;
  const refusal = hostRefusal(structuredClone(answer));
  expect(refusal.message).toBe(error.message);
  expect(refusal.detail, error.code).toBeDefined();
  return { english: translateRef(en, refusal.detail!), spanish: translateRef(es, refusal.detail!) };
}

/** One failure of each reason, with the variables the fetcher gives it. */
const EXAMPLES: Record<FetchFailureReason, FetchValues> = {
  'not-web-address': { address: 'not a url' },
  scheme: {},
  credentials: {},
  unreachable: { host: 'nowhere.example', network: 'ENOTFOUND', detail: 'getaddrinfo ENOTFOUND nowhere.example' },
  'own-server': { host: 'localhost:5174' },
  'not-public': { where: 'intranet.example (10.0.0.8)', range: 'private' },
  compression: { encoding: 'zstd' },
  redirects: { count: 5 },
  status: { status: '404 Not Found' },
  'no-type': {},
  type: { type: 'image/png' },
  'too-large': { bytes: 20 * 1024 * 1024 },
  'too-slow': { ms: 15_000 },
  'compressed-damaged': {},
  'broke-off': { host: 'example.org' },
  secret: {},
};

describe('URL fetch failures', () => {
  it.each(FETCH_FAILURE_REASONS)('%s: the host’s English is the catalogue’s, and the renderer shows it in Spanish', (reason) => {
    const error = new FetchFailure(reason, EXAMPLES[reason]);
    expect(error.code).toBe(`fetch-failed:${reason}`);
    const { english, spanish } = shown(error);
    expect(english).toBe(error.message);
    expect(spanish).not.toBe(english);
    // No key left untranslated, no variable left empty, no English sentence inside.
    expect(spanish).not.toMatch(/urlFetch|units\.|\{\{|\b(The|Could not|Casefile does|address|page)\b/);
  });

  it('keeps the English the fetcher always gave (logs, the CLI, older apps)', () => {
    expect(new FetchFailure('too-large', { bytes: 2048 }).message).toBe('The page is larger than 2 KB.');
    expect(new FetchFailure('too-slow', { ms: 150 }).message).toBe('The page took longer than 150 ms to answer.');
    expect(new FetchFailure('too-slow', { ms: 15_000 }).message).toBe('The page took longer than 15 s to answer.');
    expect(new FetchFailure('unreachable', { host: 'x.example', network: 'ECONNREFUSED', detail: '' }).message).toBe('Could not reach x.example: the connection was refused.');
    expect(new FetchFailure('unreachable', { host: 'x.example', network: 'ERR_TLS_CERT_ALTNAME_INVALID', detail: 'Hostname mismatch' }).message).toBe(
      'Could not reach x.example: its security certificate is not valid.',
    );
    expect(new FetchFailure('unreachable', { host: 'x.example', network: 'EWEIRD', detail: 'something odd' }).message).toBe('Could not reach x.example: something odd.');
    expect(new FetchFailure('not-public', { where: 'h.example (100.64.0.1)', range: 'somethingNew' }).message).toContain('it is a somethingNew address,');
  });

  it('says sizes, durations, counts and network reasons in Spanish, with the plural a count takes', () => {
    const spanish = (reason: FetchFailureReason, values: FetchValues) => translateRef(es, fetchFailureRef(reason, values));
    expect(spanish('too-large', { bytes: 20 * 1024 * 1024 })).toBe('La página ocupa más de 20 MB.');
    expect(spanish('too-slow', { ms: 1500 })).toBe('La página tardó más de 2 s en responder.');
    expect(spanish('redirects', { count: 1 })).toBe('La página redirigió más de 1 vez.');
    expect(spanish('redirects', { count: 5 })).toBe('La página redirigió más de 5 veces.');
    expect(translateRef(en, fetchFailureRef('redirects', { count: 1 }))).toBe('The page redirected more than 1 time.');
    expect(spanish('unreachable', { host: 'x.example', network: 'EAI_AGAIN', detail: '' })).toBe('No se pudo conectar con x.example: no se pudo consultar el nombre (¿está caída la red?).');
    expect(spanish('unreachable', { host: 'x.example', network: 'EWEIRD', detail: 'something odd' })).toBe('No se pudo conectar con x.example: el sistema respondió «something odd».');
    expect(spanish('not-public', { where: '127.0.0.1', range: 'loopback' })).toBe(
      'Casefile no descarga 127.0.0.1: es una dirección de este ordenador (loopback), no una dirección de internet. Para importar una página de una intranet o de este ordenador, activa «Permitir direcciones de la red local».',
    );
  });

  it('keeps the host’s English for a code it does not know: a plain fetch-failed, a newer host’s reason, another channel’s code', () => {
    for (const error of [
      { code: 'fetch-failed', message: 'The page at example.org did not answer.' },
      { code: 'fetch-failed:quantum-foam', message: 'A newer reason.', values: { x: 1 } },
      { code: 'internal', message: 'Casefile could not complete cf:url:fetch: boom' },
    ]) {
      const refusal = hostRefusal(error);
      expect(refusal.message).toBe(error.message);
      expect(refusal.code).toBe(error.code);
      expect(refusal.detail).toBeUndefined();
    }
  });

  it('ignores variables that are not text or numbers', () => {
    const refusal = hostRefusal({ code: 'fetch-failed:broke-off', message: 'x', values: { host: 'example.org', extra: { key: 'app.title' } as unknown as string } });
    expect(refusal.detail).toEqual({ key: 'urlFetch.brokeOff', values: { host: 'example.org' } } satisfies MessageRef);
  });
});
