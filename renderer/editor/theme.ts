import type { EditorThemeClasses } from 'lexical';

/** Class names for the brief's nodes; styled in styles/brief.css. */
export const briefTheme: EditorThemeClasses = {
  paragraph: 'brief-p',
  quote: 'brief-quote',
  heading: { h1: 'brief-h1', h2: 'brief-h2', h3: 'brief-h3' },
  list: {
    ul: 'brief-ul',
    ol: 'brief-ol',
    listitem: 'brief-li',
    nested: { listitem: 'brief-li-nested' },
  },
  link: 'brief-link',
  mark: 'brief-claim',
  table: 'brief-table',
  tableRow: 'brief-table-row',
  tableCell: 'brief-table-cell',
  tableCellHeader: 'brief-table-header',
  tableScrollableWrapper: 'brief-table-scroll',
  markOverlap: 'brief-claim-overlap',
  text: {
    bold: 'brief-bold',
    italic: 'brief-italic',
    underline: 'brief-underline',
    strikethrough: 'brief-strike',
    code: 'brief-code',
  },
};
