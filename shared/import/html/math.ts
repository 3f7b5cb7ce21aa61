/**
 * MathML keeps its text. A formula is replaced by one text run, in this
 * order of preference: its TeX annotation (what KaTeX, MathJax and most
 * converters embed), its `alttext`, else a linear reading of its
 * presentation markup ("x^2 - 4 = 0", "(a + b)/2", "√(x)"). A formula shown
 * as a block (`display="block"`) becomes a paragraph of its own; an inline
 * one stays in its sentence, so no sentence is left with a hole.
 */
import { Element, Text, isTag, isText, type AnyNode } from 'domhandler';
import { replace, squash } from './tree';

const TEX_ENCODINGS = /^(?:application\/x-tex|text\/x-tex|tex|latex|application\/x-latex|text\/latex)$/i;

function childElements(element: Element): Element[] {
  return element.children.filter(isTag);
}

function annotationTex(math: Element): string | undefined {
  const stack: AnyNode[] = [math];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'annotation' && TEX_ENCODINGS.test(node.attribs.encoding ?? '')) {
      const tex = squash(node.children.filter(isText).map((t) => t.data).join(''));
      if (tex) return tex;
    }
    for (const child of node.children) stack.push(child);
  }
  return undefined;
}

/** Wrap a multi-token operand in parentheses so "a + b over 2" reads "(a + b)/2". */
function group(text: string): string {
  return /^[\p{L}\p{N}.]+$/u.test(text) || /^\(.*\)$/.test(text) ? text : `(${text})`;
}

/** A linear reading of presentation MathML. Recursion is bounded by the page's depth limit. */
export function linearMath(node: AnyNode): string {
  if (isText(node)) return squash(node.data);
  if (!isTag(node)) return '';
  const kids = childElements(node);
  const [a, b, c] = kids.map(linearMath);
  switch (node.name) {
    case 'annotation':
    case 'annotation-xml':
      return '';
    case 'semantics':
      return kids[0] ? linearMath(kids[0]) : '';
    case 'mfrac':
      return `${group(a ?? '')}/${group(b ?? '')}`;
    case 'msup':
      return `${a ?? ''}^${group(b ?? '')}`;
    case 'msub':
      return `${a ?? ''}_${group(b ?? '')}`;
    case 'msubsup':
      return `${a ?? ''}_${group(b ?? '')}^${group(c ?? '')}`;
    case 'msqrt': {
      const inner = kids.map(linearMath).join('').trim();
      return [...inner].length === 1 ? `√${inner}` : `√(${inner})`;
    }
    case 'mroot':
      return `root(${b ?? ''}, ${a ?? ''})`;
    case 'munder':
    case 'mover':
      return `${a ?? ''} ${b ?? ''}`.trim();
    case 'munderover':
      return `${a ?? ''}_${group(b ?? '')}^${group(c ?? '')}`;
    case 'mtable':
      return kids.map(linearMath).join('; ');
    case 'mtr':
    case 'mlabeledtr':
      return kids.map(linearMath).join(', ');
    case 'mspace':
      return ' ';
    case 'mo': {
      const op = node.children.filter(isText).map((t) => t.data).join('').trim();
      return /^[=+\-−×÷<>≤≥≠±→←∈∉⊂⊃∪∩]$/.test(op) ? ` ${op} ` : op;
    }
    default:
      return node.children.map(linearMath).join('');
  }
}

/** The text that stands for one `<math>` element. */
export function mathText(math: Element): string {
  return annotationTex(math) ?? (squash(math.attribs.alttext ?? '') || squash(linearMath(math)));
}

/** Replace every `<math>` of the list with its text. Returns how many were replaced. */
export function replaceMath(mathElements: readonly Element[]): number {
  let count = 0;
  for (const math of mathElements) {
    if (!math.parent) continue;
    const text = mathText(math);
    const run = new Text(text);
    if ((math.attribs.display ?? '').toLowerCase() === 'block') {
      const block = new Element('div', {}, [run]);
      run.parent = block;
      replace(math, block);
    } else {
      replace(math, run);
    }
    count++;
  }
  return count;
}
