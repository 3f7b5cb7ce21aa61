/**
 * A streaming look at an HTML page before any tree is built: how deep do its
 * elements nest, and how many are there? htmlparser2 tokenises without
 * building anything and applies HTML's implied end tags (`<p>`, `<li>`,
 * `<td>`…), so unclosed paragraphs do not count as nesting. The scan stops
 * at the first limit crossed, so a hostile page costs only what it takes to
 * reach it.
 */
import { Parser } from 'htmlparser2';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from './limits';

export interface PrescanResult {
  /** Deepest nesting seen (html = 1). */
  depth: number;
  /** Elements outside SVG and MathML. */
  elements: number;
  /** Which limit was crossed first, if any. */
  exceeded?: 'depth' | 'elements';
}

/** Subtrees whose elements are not counted: dropped (SVG) or turned into text (MathML). */
const UNCOUNTED = new Set(['svg', 'math']);

class LimitReached extends Error {}

export function prescanHtml(html: string, limits = { depth: MAX_HTML_DEPTH, elements: MAX_HTML_ELEMENTS }): PrescanResult {
  const result: PrescanResult = { depth: 0, elements: 0 };
  let depth = 0;
  let foreign = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        depth++;
        if (UNCOUNTED.has(name) || foreign > 0) foreign++;
        else result.elements++;
        if (depth > result.depth) result.depth = depth;
        if (depth > limits.depth) {
          result.exceeded = 'depth';
          throw new LimitReached();
        }
        if (result.elements > limits.elements) {
          result.exceeded = 'elements';
          throw new LimitReached();
        }
      },
      onclosetag() {
        depth--;
        if (foreign > 0) foreign--;
      },
    },
    { decodeEntities: false, lowerCaseAttributeNames: false },
  );
  try {
    parser.end(html);
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
  }
  return result;
}
