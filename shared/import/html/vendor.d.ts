/** css-tree's parser on its own (63 KB instead of the whole 196 KB toolkit with its lexer data). */
declare module 'css-tree/parser' {
  import type { CssNode, ParseOptions } from 'css-tree';
  const parse: (text: string, options?: ParseOptions & { parseValue?: boolean; parseRulePrelude?: boolean; parseAtrulePrelude?: boolean; parseCustomProperty?: boolean }) => CssNode;
  export default parse;
}
