import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumArgs, findChromium } from '../../../../node/host/chromium';

const dir = mkdtempSync(join(tmpdir(), 'casefile-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findChromium', () => {
  it('prefers CASEFILE_CHROMIUM when it names an existing file', () => {
    const fake = join(dir, 'my-chromium');
    writeFileSync(fake, '');
    expect(findChromium({ CASEFILE_CHROMIUM: fake })).toBe(fake);
  });

  it('ignores a CASEFILE_CHROMIUM that does not exist', () => {
    const missing = join(dir, 'nowhere', 'chromium');
    const found = findChromium({ CASEFILE_CHROMIUM: missing });
    expect(found).not.toBe(missing);
    expect(found).toBe(findChromium({}));
  });
});

describe('chromiumArgs', () => {
  it('drops the sandbox only for root', () => {
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
  });

  it('turns off background networking for a closed network', () => {
    for (const flag of ['--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']) {
      expect(chromiumArgs(false)).toContain(flag);
    }
  });

  it('exports the flags for the current user as a frozen list', () => {
    expect(CHROMIUM_ARGS).toEqual(chromiumArgs());
    expect(Object.isFrozen(CHROMIUM_ARGS)).toBe(true);
  });
});
