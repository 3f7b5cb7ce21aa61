// Types for lint/layers.js (plain JavaScript, because eslint.config.js loads it without a build step).
import type { ESLint, Rule } from 'eslint';

export interface Layer {
  /** A folder (path prefix) or one file, relative to the repository root. */
  folder: string;
  /** The folders this one may import besides itself. */
  may: string[];
  /** Packages it must not import: names, or `prefix*` patterns. */
  deny: string[];
}

export const ROOT: string;
export const GOVERNED_ROOTS: string[];
export const LAYERS: Layer[];
export const WORKER: { pattern: RegExp; may: string[]; deny: string[] };
export const PRIVATE_MODULES: Record<string, string[]>;
export function layerOf(rel: string, layers?: Layer[]): Layer | null;
export function isGoverned(rel: string): boolean;
export function importProblem(
  fromRel: string,
  specifier: string,
  targetRel: string | null,
  options?: { layers?: Layer[]; worker?: typeof WORKER; privateModules?: Record<string, string[]> },
): string | null;
export const layersRule: Rule.RuleModule;
export const layersPlugin: ESLint.Plugin;
