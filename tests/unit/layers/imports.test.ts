import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importProblem, LAYERS } from '../../../lint/layers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rules that keep layers apart: the folder table and its private modules (ours), and any restricted-imports rule. */
const LAYER_RULES = new Set(['casefile/layers', 'no-restricted-imports']);

/** Lint a snippet as if it lived at `path`; return the layer-rule messages. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    // shared/ is pure.
    ['shared/domain/x.ts', "import { getDb } from '../../renderer/db/db';"],
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import { readFileSync } from 'fs';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import Dexie from 'dexie';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['shared/domain/x.ts', "import { cli } from '../../node/cli/cli';"],
    // Hosts: main never sees the renderer or the preload; preload sees only shared/ipc; node/ never sees Electron.
    ['electron/main/x.ts', "import { App } from '../../renderer/app/App';"],
    ['electron/main/x.ts', "import { startWebServer } from '../../node/web/server';"],
    ['electron/preload/x.ts', "import { createHandlers } from '../main/handlers';"],
    ['electron/preload/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/preload/x.ts', "import { describe } from '../../shared/anchoring';"],
    ['node/web/x.ts', "import { app } from 'electron';"],
    ['node/sync/x.ts', "import { app } from 'electron';"],
    ['node/sync/x.ts', "import { db } from '../../renderer/db/db';"],
    ['node/host/x.ts', "import { createHandlers } from '../../electron/main/handlers';"],
    ['node/cli/x.ts', "import { registerIpc } from '../../electron/main/ipc';"],
    ['node/host/x.ts', "import { startWebServer } from '../web/server';"],
    // The renderer never imports Electron or Node.
    ['renderer/features/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/features/x.ts', "import { readFileSync } from 'node:fs';"],
    // Upward imports: the allow-list forbids them, whichever folder they come from.
    ['renderer/editor/plugins/x.ts', "import { STATUS_LABEL } from '../../features/claims/ClaimsPanel';"],
    ['renderer/editor/x.ts', "import { App } from '../app/App';"],
    ['renderer/features/cases/x.ts', "import { App } from '../../app/App';"],
    ['renderer/lib/x.ts', "import { CaseList } from '../features/cases/CaseList';"],
    ['renderer/db/x.ts', "import { notices } from '../lib/notices';"],
    ['renderer/platform/x.ts', "import { getDb } from '../db/db';"],
    ['renderer/i18n/x.ts', "import { Icon } from '../lib/icons';"],
    ['renderer/import/x.ts', "import { getDb } from '../db/db';"],
    // Editor and reader never import each other.
    ['renderer/editor/x.ts', "import { Reader } from '../reader/Reader';"],
    ['renderer/reader/x.ts', "import { BriefEditor } from '../editor/BriefEditor';"],
    // Dynamic imports and re-exports count too.
    ['renderer/editor/x.ts', "export const load = () => import('../features/brief/BriefPane');"],
    ['renderer/reader/x.ts', "export { BriefEditor } from '../editor/BriefEditor';"],
    // A worker imports only its own folder and shared/.
    ['renderer/features/search/x.worker.ts', "import { getDb } from '../../db/db';"],
    ['renderer/features/search/x.worker.ts', "import { useState } from 'react';"],
    // One door into the database: nothing outside renderer/db opens db.ts, whatever the form of the import.
    ['renderer/features/search/x.ts', "import { getDb } from '../../db/db';"],
    ['renderer/features/cases/x.ts', "import type { StoredTables } from '../../db/db.ts';"],
    ['renderer/features/export/x.ts', "export { getDb } from '../../db/db';"],
    ['renderer/features/passages/x.ts', "const load = () => import('../../db/db');"],
    ['renderer/app/x.tsx', "import { openDatabase } from '../db/db';"],
    ['renderer/import/x.ts', "import { getDb } from '../db/db';"],
  ])('%s may not: %s', async (path, code) => {
    expect(await layerErrors(path, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';"],
    ['shared/export/x.ts', "import { describe } from '../anchoring';"],
    ['electron/main/x.ts', "import { contract } from '../../shared/ipc/contract';"],
    ['electron/main/x.ts', "import { fetchUrl } from '../../node/host/fetchUrl';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['electron/preload/x.ts', "import type { Channel } from '../../shared/ipc/contract';"],
    ['node/web/x.ts', "import { renderPdf } from '../host/renderPdf';"],
    ['renderer/app/x.ts', "import { CaseList } from '../features/cases/CaseList';"],
    ['renderer/features/x.ts', "import { platform } from '../platform';"],
    ['renderer/features/brief/x.ts', "import { BriefEditor } from '../../editor/BriefEditor';"],
    ['renderer/features/claims/x.ts', "import { TagInput } from '../tags/TagInput';"],
    ['renderer/editor/plugins/x.ts', "import { STATUS_LABEL } from '../../lib/claimLabels';"],
    ['renderer/reader/x.ts', "import { newId } from '../../shared/domain/ids';"],
    ['renderer/lib/x.ts', "import { useTranslation } from 'react-i18next';"],
    ['renderer/features/search/x.worker.ts', "import { SearchIndex } from './searchIndex';"],
    ['renderer/features/search/x.ts', "import { observeCaseRecords, useCases } from '../../db/hooks';"],
    ['renderer/features/cases/x.ts', "import { writeImportedCases } from '../../db/repositories';"],
    ['renderer/app/x.tsx', "import { openDatabase } from '../db';"],
    ['renderer/db/repositories/x.ts', "import { getDb } from '../db';"],
    ['renderer/db/x.ts', "import { getDb } from './db';"],
  ])('%s may: %s', async (path, code) => {
    expect(await layerErrors(path, `${code}\nexport {};\n`)).toEqual([]);
  });

  it('refuses a file in a folder the table does not know', async () => {
    const errors = await layerErrors('renderer/widgets/x.ts', "import { newId } from '../../shared/domain/ids';\nexport {};\n");
    expect(errors.join('\n')).toMatch(/folder the layer table does not know/);
    expect(await layerErrors('shared/anything/x.ts', 'export {};\n')).toEqual([]);
  });

  it('names the rule and the allowed folders in its message', async () => {
    const [message] = await layerErrors('renderer/editor/x.ts', "import { x } from '../features/claims/status';\nexport {};\n");
    expect(message).toMatch(/^renderer\/editor may not import renderer\/features .* It may import renderer\/lib/);
  });

  it('supports modules private to their folder (for doors such as the database)', () => {
    const privateModules = { 'renderer/db/db': ['renderer/db'] };
    expect(importProblem('renderer/features/x.ts', '../db/db', 'renderer/db/db.ts', { privateModules })).toMatch(/private to renderer\/db/);
    expect(importProblem('renderer/db/repositories/x.ts', '../db', 'renderer/db/db.ts', { privateModules })).toBeNull();
    expect(importProblem('renderer/features/x.ts', '../db/hooks', 'renderer/db/hooks.ts', { privateModules })).toBeNull();
  });

  it('lists every folder once, each allowed folder being a known layer (or resources)', () => {
    const folders = LAYERS.map((l) => l.folder);
    expect(new Set(folders).size).toBe(folders.length);
    for (const layer of LAYERS) {
      for (const allowed of layer.may) expect(folders.some((f) => allowed === f || allowed.startsWith(`${f}/`)) || allowed.startsWith('resources/'), `${layer.folder} → ${allowed}`).toBe(true);
    }
  });
});
