import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenFileQueue, findCasefilePaths } from '../../../../electron/main/openFiles';

const cwd = path.resolve('/home/ada');

describe('findCasefilePaths', () => {
  it('keeps .casefile arguments, resolved against the launch directory, and ignores switches', () => {
    const argv = [
      '/opt/Casefile/casefile',
      '--allow-file-access-from-files',
      '-psn_0_12345',
      'cases/fraud.casefile',
      '/tmp/Other.CASEFILE',
      'notes.txt',
      '--user-data-dir=/x/y.casefile',
      'cases/fraud.casefile',
    ];
    expect(findCasefilePaths(argv, cwd)).toEqual([path.resolve(cwd, 'cases/fraud.casefile'), path.resolve('/tmp/Other.CASEFILE')]);
  });

  it('finds nothing in a plain launch', () => {
    expect(findCasefilePaths(['/opt/Casefile/casefile', '.'], cwd)).toEqual([]);
  });
});

describe('createOpenFileQueue', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('holds files until the UI is ready, then delivers each once, in order', async () => {
    const delivered: string[] = [];
    const queue = createOpenFileQueue(async (file) => {
      delivered.push(file);
    });
    queue.open(['/a.casefile']);
    queue.open(['/b.casefile']);
    await settle();
    expect(delivered).toEqual([]);

    queue.setReady(true);
    await settle();
    expect(delivered).toEqual(['/a.casefile', '/b.casefile']);

    queue.setReady(true);
    queue.open(['/c.casefile']);
    await settle();
    expect(delivered).toEqual(['/a.casefile', '/b.casefile', '/c.casefile']);
  });

  it('waits again while the UI reloads, and survives a failed delivery', async () => {
    const delivered: string[] = [];
    const queue = createOpenFileQueue(async (file) => {
      if (file === '/bad.casefile') throw new Error('unreadable');
      delivered.push(file);
    });
    const originalError = console.error;
    console.error = () => undefined;
    try {
      queue.setReady(true);
      queue.setReady(false);
      queue.open(['/bad.casefile', '/good.casefile']);
      await settle();
      expect(delivered).toEqual([]);
      queue.setReady(true);
      await settle();
      expect(delivered).toEqual(['/good.casefile']);
    } finally {
      console.error = originalError;
    }
  });
});
