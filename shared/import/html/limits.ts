/**
 * How much HTML Casefile reads, and how it hands it to the page in pieces.
 *
 * Browsers stop nesting elements at 512 levels (deeper tags become
 * siblings), and building a tree deeper than that is quadratic in Chromium's
 * parser: 100,000 nested `<div>`s froze the app for 33 s. A page deeper than
 * that, or with more elements than any article has, is refused with a
 * message before any tree is built.
 *
 * Everything after the worker runs on the main thread, where no task may
 * take 200 ms: a page small enough goes through Readability whole, a larger
 * one is sanitised in chunks of a bounded number of elements.
 */

/** Deepest element nesting read (Chromium's own parser limit). */
export const MAX_HTML_DEPTH = 512;
/** Most elements in a page (outside SVG and MathML, which are dropped or turned into text). */
export const MAX_HTML_ELEMENTS = 200_000;
/** Largest page, in elements after cleaning, that Readability may see whole on the main thread. */
export const READABILITY_MAX_ELEMENTS = 4_000;
/** Largest page, in characters of markup after cleaning, that Readability may see whole. */
export const READABILITY_MAX_CHARS = 600_000;
/** Elements per chunk when a cleaned page is sanitised piece by piece. */
export const CHUNK_MAX_ELEMENTS = 1_500;
/** Characters of text per chunk. */
export const CHUNK_MAX_CHARS = 200_000;
/** Hidden blocks kept for "Show hidden text" (all are counted). */
export const MAX_HIDDEN_BLOCKS_KEPT = 200;
/** Characters kept of each hidden block. */
export const MAX_HIDDEN_BLOCK_CHARS = 2_000;
