import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPath, listBackupFiles, pruneBackups, readBackupFile, writeBackupFile, type BackupDeps } from '../../../../electron/main/backups';
import { readFileCapped, writeFileAtomically } from '../../../../electron/main/fileAccess';
import { dispatch, HandlerError } from '../../../../electron/main/ipc';
import { createHandlers, type HandlerDeps } from '../../../../electron/main/handlers';
import { BACKUP_NAME, backupFileName, MAX_BACKUP_BYTES, readBackup, writeBackup } from '../../../../shared/bundle/backup';
import { writeBundle } from '../../../../shared/bundle/write';
import { contract } from '../../../../shared/ipc/contract';
import { generateCase } from '../../../fixtures/bundle/generateCase';
import { shownInSpanish } from '../../helpers/hostRefusal';

let root: string;
let dir: string;
let clock: number;

function realDeps(): BackupDeps {
  return {
    dir,
    now: () => clock,
    mkdir: async (d) => void (await mkdir(d, { recursive: true })),
    readdir: (d) => readdir(d),
    size: async (p) => (await stat(p)).size,
    readFile: (p, max) => readFileCapped(p, max),
    writeFile: writeFileAtomically,
    remove: (p) => rm(p, { force: true }),
  };
}

async function backupOf(cases: number, now = clock): Promise<Uint8Array> {
  const bundles = [];
  for (let i = 0; i < cases; i++) {
    const data = generateCase({ sources: 1, sourceChars: 500, passages: 3, claims: 1, tags: 1, originals: true, seed: 100 + i });
    bundles.push({ caseId: data.case.id, name: data.case.name, bytes: await writeBundle(data, { appVersion: 'test', includeOriginals: true, now }) });
  }
  return writeBackup(bundles, { appVersion: 'test', now, reason: 'daily' });
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'casefile-backups-'));
  dir = path.join(root, 'userData', 'backups');
  clock = Date.UTC(2026, 10, 20, 8, 30, 5);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backup names', () => {
  it('carry the time and match the contract pattern', () => {
    const name = backupFileName(Date.UTC(2026, 10, 29, 2, 15, 9));
    expect(name).toBe('casefile-backup-20261129T021509Z.cfbackup');
    expect(BACKUP_NAME.test(name)).toBe(true);
    expect(contract['cf:backup:read'].request.safeParse({ name }).success).toBe(true);
    expect(contract['cf:backup:read'].request.safeParse({ name: name.replace('.cfbackup', '-2.cfbackup') }).success).toBe(true);
  });

  it.each(['../secrets.cfbackup', '/etc/passwd', 'casefile-backup-20261129T021509Z.cfbackup/../../x', 'notes.txt', 'casefile-backup-20261129T021509Z.cfbackup\u0000'])(
    'refuses %j, in the contract and in the handler',
    (name) => {
      expect(contract['cf:backup:read'].request.safeParse({ name }).success).toBe(false);
      expect(() => backupPath('/data/backups', name)).toThrow(HandlerError);
    },
  );

  it('resolves a good name inside the folder only', () => {
    expect(backupPath(path.join(path.sep, 'data', 'backups'), 'casefile-backup-20261129T021509Z.cfbackup')).toBe(
      path.join(path.sep, 'data', 'backups', 'casefile-backup-20261129T021509Z.cfbackup'),
    );
  });
});

describe('backups folder', () => {
  it('writes a backup into a new folder and lists it with its date, size and number of cases', async () => {
    const bytes = await backupOf(3);
    const written = await writeBackupFile(realDeps(), { bytes, reason: 'daily' });
    expect(written).toEqual({ name: 'casefile-backup-20261120T083005Z.cfbackup', createdAt: Date.UTC(2026, 10, 20, 8, 30, 5), size: bytes.length, cases: 3 });
    expect(await listBackupFiles(realDeps())).toEqual([written]);
    expect(await readBackupFile(realDeps(), { name: written.name })).toEqual(bytes);
    const restored = await readBackup(await readBackupFile(realDeps(), { name: written.name }));
    expect(restored.ok && restored.cases.map((c) => c.case.name)).toHaveLength(3);
  });

  it('keeps the newest seven, newest first, and ignores other files in the folder', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    const bytes = await backupOf(1);
    const names: string[] = [];
    for (let day = 0; day < 9; day++) {
      clock = Date.UTC(2026, 10, 1 + day, 9);
      names.push((await writeBackupFile(realDeps(), { bytes, reason: 'daily' })).name);
    }
    const listed = await listBackupFiles(realDeps());
    expect(listed.map((b) => b.name)).toEqual(names.slice(2).reverse());
    expect((await readdir(dir)).sort()).toEqual([...names.slice(2), 'notes.txt'].sort());
  });

  it('gives two backups in the same second different names', async () => {
    const bytes = await backupOf(1);
    const first = await writeBackupFile(realDeps(), { bytes, reason: 'manual' });
    const second = await writeBackupFile(realDeps(), { bytes, reason: 'upgrade' });
    expect(second.name).toBe(first.name.replace('.cfbackup', '-2.cfbackup'));
    expect((await listBackupFiles(realDeps())).map((b) => b.name)).toEqual([second.name, first.name]);
  });

  it('lists nothing when the folder does not exist yet, and refuses a backup that is not there', async () => {
    expect(await listBackupFiles(realDeps())).toEqual([]);
    await expect(readBackupFile(realDeps(), { name: 'casefile-backup-20260101T000000Z.cfbackup' })).rejects.toMatchObject({ code: 'not-found:backup' });
  });

  it('refuses in words the renderer shows in the UI’s language, with the English it always had', async () => {
    const refusedWith = async (work: () => unknown) => {
      const error = await Promise.resolve().then(work).catch((thrown: unknown) => thrown);
      return { error, spanish: shownInSpanish(error) };
    };
    const notOurs = await refusedWith(() => backupPath(dir, 'notes.txt'));
    expect(notOurs.error).toMatchObject({ code: 'not-a-backup', message: '“notes.txt” is not the name of a Casefile backup.' });
    expect(notOurs.spanish).toBe('«notes.txt» no es el nombre de una copia de seguridad de Casefile.');

    const gone = await refusedWith(() => readBackupFile(realDeps(), { name: 'casefile-backup-20260101T000000Z.cfbackup' }));
    expect(gone.error).toMatchObject({ code: 'not-found:backup', message: 'The backup “casefile-backup-20260101T000000Z.cfbackup” is no longer there.' });
    expect(gone.spanish).toBe('La copia de seguridad «casefile-backup-20260101T000000Z.cfbackup» ya no está.');

    const huge = { length: MAX_BACKUP_BYTES + 1 } as Uint8Array;
    const tooLarge = await refusedWith(() => writeBackupFile(realDeps(), { bytes: huge, reason: 'daily' }));
    const limit = (MAX_BACKUP_BYTES / (1024 * 1024)).toFixed(1);
    expect(tooLarge.error).toMatchObject({ code: 'too-large:backup', message: `This backup would be ${limit} MB; backups may be at most ${limit} MB.` });
    expect(tooLarge.spanish).toBe(`Esta copia de seguridad ocuparía ${limit.replace('.', ',')} MB; una copia de seguridad puede ocupar como máximo ${limit.replace('.', ',')} MB.`);

    const base = backupFileName(clock);
    const taken = [base, ...Array.from({ length: 998 }, (_, i) => base.replace(/\.cfbackup$/, `-${i + 2}.cfbackup`))];
    const busy = await refusedWith(() => writeBackupFile({ ...realDeps(), mkdir: async () => undefined, readdir: async () => taken }, { bytes: new Uint8Array(1), reason: 'daily' }));
    expect(busy.error).toMatchObject({ code: 'busy:backup', message: 'Too many backups were taken in the same second.' });
    expect(busy.spanish).toBe('Se hicieron demasiadas copias de seguridad en el mismo segundo.');
  });

  it('lists a damaged backup with zero cases instead of failing the whole list', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'casefile-backup-20260101T000000Z.cfbackup'), 'not a zip');
    expect(await listBackupFiles(realDeps())).toEqual([{ name: 'casefile-backup-20260101T000000Z.cfbackup', createdAt: Date.UTC(2026, 0, 1), size: 9, cases: 0 }]);
  });

  it('prunes to any number asked, oldest first', async () => {
    const bytes = await backupOf(1);
    for (let hour = 0; hour < 4; hour++) {
      clock = Date.UTC(2026, 10, 1, hour);
      await writeBackupFile(realDeps(), { bytes, reason: 'daily' });
    }
    expect(await pruneBackups(realDeps(), 2)).toEqual(['casefile-backup-20261101T000000Z.cfbackup', 'casefile-backup-20261101T010000Z.cfbackup']);
    expect(await pruneBackups(realDeps(), 2)).toEqual([]);
  });

  it('answers through the IPC dispatcher, which refuses a path-like name before any handler runs', async () => {
    const deps = { backups: realDeps() } as unknown as HandlerDeps;
    const handlers = createHandlers(deps);
    const bytes = await backupOf(2);
    const written = await dispatch('cf:backup:write', handlers, true, { bytes, reason: 'daily' });
    expect(written).toMatchObject({ ok: true, value: { cases: 2 } });
    expect(await dispatch('cf:backup:list', handlers, true, {})).toMatchObject({ ok: true, value: [{ cases: 2 }] });
    expect(await dispatch('cf:backup:read', handlers, true, { name: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('cf:backup:write', handlers, true, { bytes, reason: 'whenever' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('backup files', () => {
  it('round-trips every case and refuses a damaged or foreign file with a message', async () => {
    const bytes = await backupOf(2);
    const read = await readBackup(bytes);
    expect(read.ok && read.cases).toHaveLength(2);
    const cut = await readBackup(bytes.slice(0, bytes.length - 100));
    expect(cut).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^This backup cannot be restored: /) } });
    const damaged = bytes.slice();
    const middle = Math.floor(bytes.length / 2);
    damaged[middle] = (bytes[middle] as number) ^ 0xff;
    expect((await readBackup(damaged)).ok).toBe(false);
    const bundleOnly = await writeBundle(generateCase({ sources: 1, sourceChars: 200, passages: 1, claims: 0, tags: 0, originals: false, seed: 1 }), { appVersion: 't', includeOriginals: false, now: 0 });
    expect(await readBackup(bundleOnly)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/casefile-backup|not a Casefile backup|backup\.json|compressed/) } });
  });
});
