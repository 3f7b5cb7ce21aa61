import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** Lint a snippet as if it lived at `path`; return the layer-rule messages. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
  ])('%s may not: %s', async (path, code) => {
    expect(await layerErrors(path, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';"],
    ['electron/main/x.ts', "import { contract } from '../../shared/ipc/contract';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['renderer/features/x.ts', "import { platform } from '../platform';"],
    ['renderer/reader/x.ts', "import { newId } from '../../shared/domain/ids';"],
  ])('%s may: %s', async (path, code) => {
    expect(await layerErrors(path, `${code}\nexport {};\n`)).toEqual([]);
  });
});
