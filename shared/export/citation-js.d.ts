/**
 * The small part of citation-js that Casefile calls. The packages ship no
 * type declarations; these mirror @citation-js/core 0.8 and plugin-csl 0.8.
 */
declare module '@citation-js/core' {
  interface CiteFormatOptions {
    format?: 'text' | 'html';
    template?: string;
    lang?: string;
    asEntryArray?: boolean;
    entry?: string | string[];
    nosort?: boolean;
  }
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    format(kind: 'bibliography', options: CiteFormatOptions & { asEntryArray: true }): [string, string][];
    format(kind: 'bibliography' | 'citation', options?: CiteFormatOptions): string;
    format(kind: 'bibtex' | 'biblatex', options?: { format?: 'text' }): string;
    format(kind: 'data', options?: { format?: 'text' | 'object' }): unknown;
    /** The parsed items as CSL-JSON (with citation-js's own `_graph` bookkeeping). */
    data: unknown[];
  }
  interface Register<T> {
    add(key: string, value: T): void;
    get(key: string): T;
    has(key: string): boolean;
    delete(key: string): void;
    list(): string[];
  }
  /** The citeproc-js engine, as plugin-csl's `engine()` prepares it. */
  interface CiteprocEngine {
    /** Process citation clusters in order; returns `[citationID, noteIndex, output]` for each. */
    rebuildProcessorState(
      citations: { citationID: string; citationItems: { id: string; locator?: string; label?: string }[]; properties: { noteIndex: number } }[],
      format: 'text' | 'html',
      uncited: string[],
    ): [string, number, string][];
  }
  export const plugins: {
    /** The input parsers: `chain` parses to a target type, `chainLink` runs one step. */
    input: {
      chain(data: unknown, options: { target: string }): unknown;
      chainLink(data: unknown): unknown;
    };
    config: {
      get(name: '@csl'): { styles: Register<string>; locales: Register<string>; engine(items: unknown[], style: string, lang: string, format: 'text' | 'html'): CiteprocEngine };
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
