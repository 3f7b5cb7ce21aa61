/**
 * Passage anchoring: W3C selectors for a span of a source's text, resolution
 * of stored selectors against a text, and batch re-anchoring after a revision.
 */
export { describe, resolve, maxErrorsFor, quoteSelector, positionSelector, CONTEXT_LENGTH } from './selectors';
export type { Placement, ResolveOptions, TextRange } from './selectors';
export { reanchorAll } from './reanchor';
export type { PassageAnchor, ReanchorResult } from './reanchor';
export { search, editDistance } from './fuzzy';
export type { FuzzyMatch } from './fuzzy';
export { changedSpans, diffTexts, keptLength, mapOffset, mapSpan } from './diff';
export type { EqualSegment, TextDiff } from './diff';
export { skeletonOf, squeeze } from './skeleton';
export type { Skeleton } from './skeleton';
