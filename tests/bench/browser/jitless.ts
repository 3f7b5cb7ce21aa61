/**
 * Imported first by bundleEntry.ts, before any module builds a zod schema
 * (zod decides per schema, when it is built, whether to compile a parser).
 * The benchmark script is evaluated over DevTools, where `new Function` looks
 * allowed, but its parsers then run under the page's CSP (no unsafe-eval);
 * the app's own zod, loaded as a page script, never compiles them either.
 */
import { config } from 'zod';

config({ jitless: true });
