/**
 * The citation numbering rule, shared by the editor (which shows the numbers
 * on citation chips) and every export format, so that "note 3" means the same
 * passage on screen, in Markdown, HTML, PDF and Word.
 *
 * Rule: citations are numbered in order of first appearance in document
 * order (a depth-first walk of the serialised brief); citing a passage again
 * reuses its number.
 */

export interface CitationOccurrence {
  passageId: string;
  /** The passage's citation number. */
  n: number;
  /** The claim the citation was attached to, when the editor recorded one. */
  claimId?: string;
}

export interface CitationNumbering {
  /** Cited passage IDs in order of first appearance: `order[n - 1]` has number `n`. */
  order: string[];
  numberOf: Map<string, number>;
  /** Every citation in document order, repeats included. */
  occurrences: CitationOccurrence[];
}

/**
 * Number the citations of a serialised brief (`editorState.toJSON()` or its
 * `root`). Accepts `unknown` because briefs come from storage and imports:
 * anything that is not a well-formed citation node is walked past, never
 * thrown on.
 */
export function numberCitations(briefJson: unknown): CitationNumbering {
  const numbering: CitationNumbering = { order: [], numberOf: new Map(), occurrences: [] };
  const root = isObject(briefJson) && isObject(briefJson.root) ? briefJson.root : briefJson;
  // An explicit stack instead of recursion: a pasted document can nest deeply.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    if (node.type === 'citation' && typeof node.passageId === 'string' && node.passageId !== '') {
      let n = numbering.numberOf.get(node.passageId);
      if (n === undefined) {
        numbering.order.push(node.passageId);
        n = numbering.order.length;
        numbering.numberOf.set(node.passageId, n);
      }
      const occurrence: CitationOccurrence = { passageId: node.passageId, n };
      if (typeof node.claimId === 'string') occurrence.claimId = node.claimId;
      numbering.occurrences.push(occurrence);
    }
    if (Array.isArray(node.children)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return numbering;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
