/**
 * The layer table and the ESLint rule that enforces it, in the manner of VS Code's code-layering rule:
 * for each folder, the folders it MAY import. Anything else is an error, and so is a file in a folder the
 * table does not name, so a new folder is forbidden until someone decides where it sits.
 *
 * Read by eslint.config.js (the `casefile/layers` rule), by tests/unit/layers/*.test.ts and documented in
 * ARCHITECTURE.md ("Layers"). Paths are relative to the repository root, with `/` separators.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NODE = [...builtinModules, 'node:*'];
const UI_PACKAGES = ['react', 'react-dom', 'react-dom/*', 'react-i18next', 'dexie', 'dexie-react-hooks', 'lexical', '@lexical/*'];

/** Folders under these roots must be in the table; everything else (tests, lint, root config files) is free. */
export const GOVERNED_ROOTS = ['shared', 'electron', 'node', 'renderer', 'scripts'];

/**
 * Each entry: `folder` (a path prefix, or a file), `may` (the folders it may import besides itself),
 * and `deny` (package names or `prefix/*` patterns it must not import). A file belongs to the entry with
 * the longest matching `folder`. Order below is top (may import most) to bottom (may import least).
 */
export const LAYERS = [
  // The renderer: app → features → {editor, reader, import} → {db, lib} → {platform, i18n} → shared.
  { folder: 'renderer/main.tsx', may: ['renderer/app', 'renderer/lib', 'renderer/styles'], deny: ['electron', ...NODE] },
  {
    folder: 'renderer/app',
    may: ['renderer/features', 'renderer/editor', 'renderer/reader', 'renderer/import', 'renderer/db', 'renderer/lib', 'renderer/platform', 'renderer/i18n', 'renderer/styles', 'shared'],
    deny: ['electron', ...NODE],
  },
  {
    // Features may use each other (a claim shows a passage's label), but never in a circle:
    // tests/unit/layers/cycles.test.ts treats each features/<name> as its own node.
    folder: 'renderer/features',
    may: ['renderer/editor', 'renderer/reader', 'renderer/import', 'renderer/db', 'renderer/lib', 'renderer/platform', 'renderer/i18n', 'renderer/styles', 'shared', 'resources/sample-case'],
    deny: ['electron', ...NODE],
  },
  // The editor and the reader never import each other: they coordinate through IDs (lib/navigation) and commands.
  { folder: 'renderer/editor', may: ['renderer/lib', 'renderer/platform', 'renderer/i18n', 'renderer/styles', 'shared'], deny: ['electron', ...NODE] },
  { folder: 'renderer/reader', may: ['renderer/lib', 'renderer/platform', 'renderer/i18n', 'renderer/styles', 'shared'], deny: ['electron', ...NODE] },
  { folder: 'renderer/import', may: ['renderer/platform', 'renderer/i18n', 'shared'], deny: ['electron', ...NODE, 'react', 'react-dom', 'dexie'] },
  { folder: 'renderer/db', may: ['shared'], deny: ['electron', ...NODE, 'react-dom', 'lexical', '@lexical/*'] },
  { folder: 'renderer/lib', may: ['renderer/platform', 'renderer/i18n', 'renderer/styles', 'shared'], deny: ['electron', ...NODE, 'dexie', 'dexie-react-hooks'] },
  { folder: 'renderer/platform', may: ['shared'], deny: ['electron', ...NODE, ...UI_PACKAGES] },
  { folder: 'renderer/i18n', may: ['shared'], deny: ['electron', ...NODE, 'dexie', 'dexie-react-hooks', 'lexical', '@lexical/*'] },
  { folder: 'renderer/shims', may: ['renderer/platform'], deny: ['electron', ...NODE] },
  { folder: 'renderer/styles', may: [], deny: ['*'] },
  // Build configuration of the renderer: runs in Node. It reads the list of pdf.js and tesseract.js files to
  // copy into the build from the module the app asks for them by, so the two cannot drift apart.
  { folder: 'renderer/vite.config.ts', may: ['renderer/import/offlineAssets.ts'], deny: ['electron'] },
  // Hosts. Main and preload run in Electron; node/ is plain Node and never sees Electron.
  { folder: 'electron/main', may: ['node/host', 'shared'], deny: [] },
  { folder: 'electron/preload', may: ['shared/ipc'], deny: NODE },
  { folder: 'node/host', may: ['shared'], deny: ['electron', ...UI_PACKAGES] },
  { folder: 'node/web', may: ['node/host', 'shared'], deny: ['electron', ...UI_PACKAGES] },
  { folder: 'node/cli', may: ['node/host', 'shared'], deny: ['electron', ...UI_PACKAGES] },
  // The sync server (Hocuspocus): plain Node, beside the web server, never the renderer's database.
  { folder: 'node/sync', may: ['node/host', 'shared'], deny: ['electron', ...UI_PACKAGES] },
  { folder: 'scripts', may: [], deny: ['electron'] },
  // Pure TypeScript that runs everywhere: no DOM, Node, Electron, React or Dexie.
  { folder: 'shared', may: [], deny: ['electron', ...NODE, ...UI_PACKAGES] },
];

/**
 * Web Workers (`*.worker.ts`) run without the DOM or React: a worker entry may import its own folder and
 * shared/ only, whatever the layer of the folder it sits in. `also` names the few workers that may reach one more
 * layer: the case import worker writes a whole case through renderer/db (the one door, with its change
 * log), on its own connection, so the page never holds a gigabyte bundle or a long transaction; the search worker
 * reads the open case through renderer/db on its own connection, so the page never reads, indexes or copies a
 * big case's text for search.
 */
export const WORKER = {
  pattern: /\.worker\.ts$/,
  also: { 'renderer/features/cases/caseImport.worker.ts': ['renderer/db'], 'renderer/features/search/search.worker.ts': ['renderer/db'] },
  may: ['shared'],
  deny: ['react', 'react-dom', 'react-i18next', 'dexie', 'dexie-react-hooks', 'lexical', '@lexical/*', 'electron', ...NODE] };

/**
 * Modules only their own folder may import (a door into something), as `module → folders allowed`.
 * The module path is written without its extension.
 *
 * renderer/db/db is the one door into the database: everyone else reads through renderer/db's hooks and
 * read functions and writes through its repositories, so every write passes the change log.
 */
export const PRIVATE_MODULES = { 'renderer/db/db': ['renderer/db'] };

const stripExtension = (p) => p.replace(/\?.*$/, '').replace(/\.(d\.ts|tsx?|mjs|cjs|jsx?)$/, '').replace(/\/index$/, '');
const within = (file, folder) => file === folder || file.startsWith(`${folder}/`) || stripExtension(file) === stripExtension(folder);

/** The table entry a repository path belongs to, or null (ungoverned, or a folder the table does not know). */
export function layerOf(rel, layers = LAYERS) {
  let best = null;
  for (const entry of layers) if (within(rel, entry.folder) && (!best || entry.folder.length > best.folder.length)) best = entry;
  return best;
}

export function isGoverned(rel) {
  return GOVERNED_ROOTS.some((root) => within(rel, root));
}

function packageMatches(name, pattern) {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return name === pattern || name.startsWith(`${pattern}/`);
}

/**
 * Why `fromRel` may not import `specifier`, or null when it may. `targetRel` is the resolved repository
 * path of a relative import (null for a package).
 */
export function importProblem(fromRel, specifier, targetRel, { layers = LAYERS, worker = WORKER, privateModules = PRIVATE_MODULES } = {}) {
  const entry = layerOf(fromRel, layers);
  const isWorker = worker.pattern.test(fromRel);
  if (targetRel === null) {
    const name = specifier;
    const deny = isWorker ? worker.deny : (entry?.deny ?? []);
    const hit = deny.find((pattern) => packageMatches(name, pattern));
    return hit ? `${entry?.folder ?? fromRel}${isWorker ? ' (a worker)' : ''} may not import the package “${name}”.` : null;
  }
  if (targetRel.startsWith('..')) return `“${specifier}” leaves the repository.`;
  for (const [module, allowed] of Object.entries(privateModules)) {
    if (stripExtension(targetRel) === module && !allowed.some((folder) => within(fromRel, folder))) {
      return `${module} is private to ${allowed.join(', ')}: go through its public modules instead.`;
    }
  }
  if (isWorker) {
    const ownFolder = path.posix.dirname(fromRel);
    const may = [...worker.may, ...(worker.also?.[fromRel] ?? [])];
    if (path.posix.dirname(targetRel) === ownFolder || may.some((folder) => within(targetRel, folder))) return null;
    return `A worker (${fromRel}) may import only its own folder and ${worker.may.join(', ')}, not ${targetRel}.`;
  }
  if (!entry) return null;
  if (within(targetRel, entry.folder)) return null;
  if (entry.may.some((folder) => within(targetRel, folder))) return null;
  const target = layerOf(targetRel, layers)?.folder ?? targetRel;
  return `${entry.folder} may not import ${target} (${targetRel}). It may import ${entry.may.length ? entry.may.join(', ') : 'only its own folder'}; see lint/layers.js.`;
}

function toRel(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** `casefile/layers`: every import, export-from, dynamic import() and require() with a literal path is checked. */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only the folders the layer table (lint/layers.js) allows.' },
    schema: [],
  },
  create(context) {
    const fromRel = toRel(context.filename);
    if (!isGoverned(fromRel)) return {};
    const report = (node, message) => context.report({ node, message });
    if (!layerOf(fromRel) && !WORKER.pattern.test(fromRel)) {
      return {
        Program(node) {
          report(node, `${fromRel} is in a folder the layer table does not know: add its folder to lint/layers.js with the folders it may import.`);
        },
      };
    }
    const check = (node, source) => {
      let specifier = null;
      if (source?.type === 'Literal' && typeof source.value === 'string') specifier = source.value;
      else if (source?.type === 'TemplateLiteral' && source.expressions.length === 0) specifier = source.quasis[0]?.value.cooked ?? null;
      if (specifier === null) return;
      const relative = specifier.startsWith('.') || specifier.startsWith('/');
      const targetRel = relative ? toRel(path.resolve(path.dirname(context.filename), specifier.replace(/\?.*$/, ''))) : null;
      const problem = importProblem(fromRel, specifier, targetRel);
      if (problem) report(node, problem);
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => node.moduleReference?.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) check(node, node.arguments[0]);
      },
    };
  },
};

export const layersPlugin = { meta: { name: 'casefile' }, rules: { layers: layersRule } };
