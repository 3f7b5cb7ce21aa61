/**
 * The app's own highlight painter and database class, bundled for the page so
 * browser benchmarks measure the real code on the real reader DOM.
 */
import { clearHighlights, paintHighlights } from '../../../renderer/reader/highlights';
import { offsetsToRange } from '../../../renderer/reader/offsets';
import { CasefileDB } from '../../../renderer/db/db';

(window as unknown as { __casefileBench: unknown }).__casefileBench = { paintHighlights, clearHighlights, offsetsToRange, CasefileDB };
