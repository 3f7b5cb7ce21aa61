import type { Klass, LexicalNode } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { MarkNode } from '@lexical/mark';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { CitationNode } from './nodes/CitationNode';
import { FigureNode } from './nodes/FigureNode';

/** Every node the brief may contain, registered in one place (editor, headless tests, exporters). */
export const BRIEF_NODES: ReadonlyArray<Klass<LexicalNode>> = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, MarkNode, CitationNode, TableNode, TableRowNode, TableCellNode, FigureNode];
