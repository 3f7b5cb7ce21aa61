/**
 * The packaged app's Electron fuses, read from electron-builder.yml the way
 * electron-builder reads it (js-yaml), and checked against electron-builder's own
 * schema so a misspelt fuse cannot pass as "set".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const config = load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as { asar?: unknown; electronFuses?: Record<string, unknown> };
const schema = createRequire(import.meta.url)('app-builder-lib/scheme.json') as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('electron-builder.yml fuses', () => {
  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (fuse, expected) => {
    expect(config.electronFuses?.[fuse]).toBe(expected);
  });

  it('names only fuses electron-builder knows, and ships an asar for them to check', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses ?? {}).filter((name) => !known.includes(name))).toEqual([]);
    expect(config.asar).toBe(true);
  });
});
