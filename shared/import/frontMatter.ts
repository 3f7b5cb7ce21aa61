/**
 * YAML front matter at the top of a Markdown file ("---\ntitle: …\n---").
 * Note-taking apps write it, and rendered as Markdown it would turn into a
 * stray rule and heading in the snapshot. Only flat `key: value` lines are
 * read — enough for title, author, date and URL — so no YAML parser is needed.
 */
import type { MetadataHints } from './metadata';

export interface FrontMatter {
  /** The Markdown after the front matter block. */
  body: string;
  hints: MetadataHints;
}

const BLOCK = /^\ufeff?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** Front matter longer than this is more likely a document that starts with a rule. */
const MAX_FRONT_MATTER_CHARS = 8 * 1024;

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2]! : trimmed;
}

/** "[Ana Ruiz, Tom Hale]" or "Ana Ruiz" → names. */
function listOf(value: string): string[] {
  const inline = /^\[(.*)\]$/.exec(value.trim());
  return (inline ? inline[1]!.split(',') : [value]).map(unquote).filter(Boolean);
}

/**
 * Split front matter from the Markdown body. Files without a well-formed block
 * come back unchanged with empty hints.
 */
export function splitFrontMatter(markdown: string): FrontMatter {
  const match = BLOCK.exec(markdown);
  if (!match || match[0].length > MAX_FRONT_MATTER_CHARS) return { body: markdown, hints: {} };
  const fields = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let listKey: string | undefined;
  for (const line of match[1]!.split(/\r?\n/)) {
    const item = /^\s*-\s+(.+)$/.exec(line);
    if (item && listKey) {
      lists.set(listKey, [...(lists.get(listKey) ?? []), unquote(item[1]!)]);
      continue;
    }
    const pair = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.toLowerCase();
    listKey = pair[2]!.trim() ? undefined : key;
    if (pair[2]!.trim()) fields.set(key, pair[2]!);
  }
  const get = (...keys: string[]) => keys.map((k) => fields.get(k)).find((v) => v !== undefined);
  const authorField = get('author', 'authors');
  const authors = lists.get('author') ?? lists.get('authors') ?? (authorField ? listOf(authorField) : undefined);
  const hints: MetadataHints = {};
  const title = get('title');
  if (title) hints.title = unquote(title);
  if (authors?.length) hints.authors = authors;
  const published = get('date', 'published');
  if (published) hints.published = unquote(published);
  const url = get('url', 'source', 'link');
  if (url) hints.url = unquote(url);
  const siteName = get('publication', 'site', 'outlet');
  if (siteName) hints.siteName = unquote(siteName);
  const language = get('lang', 'language');
  if (language) hints.language = unquote(language);
  return { body: markdown.slice(match[0].length), hints };
}
