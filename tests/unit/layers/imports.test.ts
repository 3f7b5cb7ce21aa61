import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rules that keep layers apart: the folder rules, and the one door into the database (a rule of its own, so both can change apart). */
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

/** Lint a snippet as if it lived at `path`; return the layer-rule messages. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['shared/domain/x.ts', "import { getDb } from '../../renderer/db/db';"],
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import Dexie from 'dexie';"],
    ['electron/main/x.ts', "import { App } from '../../renderer/app/App';"],
    ['electron/preload/x.ts', "import { createHandlers } from '../main/handlers';"],
    ['electron/preload/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['node/web/x.ts', "import { app } from 'electron';"],
    ['node/sync/x.ts', "import { app } from 'electron';"],
    ['node/sync/x.ts', "import { db } from '../../renderer/db/db';"],
    ['renderer/features/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/features/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/editor/x.ts', "import { Reader } from '../source/Reader';"],
    ['renderer/reader/x.ts', "import { BriefEditor } from '../editor/BriefEditor';"],
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
    ['electron/main/x.ts', "import { contract } from '../../shared/ipc/contract';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['renderer/features/x.ts', "import { platform } from '../platform';"],
    ['renderer/reader/x.ts', "import { newId } from '../../shared/domain/ids';"],
    ['renderer/features/search/x.ts', "import { observeCaseRecords, useCases } from '../../db/hooks';"],
    ['renderer/features/cases/x.ts', "import { writeImportedCases } from '../../db/repositories';"],
    ['renderer/app/x.tsx', "import { openDatabase } from '../db';"],
    ['renderer/db/repositories/x.ts', "import { getDb } from '../db';"],
    ['renderer/db/x.ts', "import { getDb } from './db';"],
  ])('%s may: %s', async (path, code) => {
    expect(await layerErrors(path, `${code}\nexport {};\n`)).toEqual([]);
  });
});
