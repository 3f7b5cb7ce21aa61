import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../lint/layers.js';

/**
 * Every import of the repository (static, dynamic, re-exports and require(), in .ts, .tsx, .js and .mjs),
 * folded into a graph of folders; any cycle between folders fails. A folder here is one node of the layer
 * table, except that each renderer/features/<name>, shared/<name>, node/<name> and tests/<name> is a node
 * of its own, so features (which may import each other) still may not do so in a circle.
 */

const WALK = ['shared', 'electron', 'node', 'renderer', 'scripts', 'tests', 'lint'];
const SKIP = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', '.cache']);
const CODE = /\.(tsx?|mjs|cjs|js)$/;
const EXTENSIONS = ['', '.ts', '.tsx', '.mjs', '.js', '.cjs', '.d.ts', '/index.ts', '/index.tsx', '/index.js'];

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (CODE.test(name)) out.push(full);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ''));
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  // `./x.js` written for a TypeScript file.
  const asTs = base.replace(/\.js$/, '.ts');
  return existsSync(asTs) ? asTs : null;
}

/** The node of the folder graph a repository path belongs to. */
function folderOf(rel: string): string {
  const parts = rel.split('/');
  if (parts[0] === 'renderer' && parts[1] === 'features' && parts.length > 3) return parts.slice(0, 3).join('/');
  if (parts.length === 1) return '(root)';
  if (parts.length === 2) return parts[0]!;
  return parts.slice(0, 2).join('/');
}

interface Edge {
  from: string;
  to: string;
  /** One file-level import that makes this edge, for the message. */
  example: string;
}

function folderGraph(): Map<string, Map<string, Edge>> {
  const files = WALK.flatMap((dir) => (existsSync(path.join(ROOT, dir)) ? walk(path.join(ROOT, dir), []) : []));
  const graph = new Map<string, Map<string, Edge>>();
  const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const from = folderOf(rel(file));
    for (const { fileName } of info.importedFiles) {
      const target = resolveImport(file, fileName);
      if (!target) continue;
      const to = folderOf(rel(target));
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, Edge>();
      graph.set(from, edges);
      if (!edges.has(to)) edges.set(to, { from, to, example: `${rel(file)} → ${fileName}` });
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(graph: Map<string, Map<string, Edge>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('folder cycles', () => {
  it('finds a cycle when one is there', () => {
    const graph = new Map([
      ['renderer/editor', new Map([['renderer/features/claims', { from: 'renderer/editor', to: 'renderer/features/claims', example: 'a' }]])],
      ['renderer/features/claims', new Map([['renderer/editor', { from: 'renderer/features/claims', to: 'renderer/editor', example: 'b' }]])],
      ['renderer/app', new Map([['renderer/editor', { from: 'renderer/app', to: 'renderer/editor', example: 'c' }]])],
    ]);
    expect(cycles(graph)).toEqual([['renderer/editor', 'renderer/features/claims']]);
  });

  it('maps files to the folders the graph is made of', () => {
    expect(folderOf('renderer/features/claims/ClaimsPanel.tsx')).toBe('renderer/features/claims');
    expect(folderOf('renderer/editor/plugins/CitationsPlugin.tsx')).toBe('renderer/editor');
    expect(folderOf('renderer/main.tsx')).toBe('renderer');
    expect(folderOf('shared/export/model.ts')).toBe('shared/export');
  });

  it('has no cycle between folders anywhere in the repository', () => {
    const graph = folderGraph();
    // The walk really saw the code: a few edges every version of Casefile has.
    expect(graph.get('renderer/app')?.has('renderer/db')).toBe(true);
    expect(graph.get('electron/main')?.has('shared/ipc')).toBe(true);
    const described = cycles(graph).map((component) => {
      const edges = component.flatMap((from) => component.filter((to) => graph.get(from)?.has(to)).map((to) => `  ${graph.get(from)!.get(to)!.example}`));
      return `${component.join(' ↔ ')}\n${edges.join('\n')}`;
    });
    expect(described).toEqual([]);
  });
});
