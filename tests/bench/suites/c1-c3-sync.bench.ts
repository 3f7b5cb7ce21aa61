/**
 * C1 — 10 simulated editors (headless Lexical bound to the brief's Y.Doc
 * through @lexical/yjs, Hocuspocus provider over `ws`) each type 2 characters
 * a second into their own paragraph of one brief and add a passage to the
 * case's Y.Doc every 10 s, for 10 minutes, against our server on loopback.
 * Figures: lost edits, editors whose end state differs, keystroke and passage
 * propagation (from the keystroke on one editor to the moment another
 * editor's Lexical state holds it), and the server's memory and CPU.
 * Peer: the same load against stock Hocuspocus with its SQLite extension (no
 * authentication, no journal), in the same run.
 *
 * C3 — the same load on two instances of our server sharing Redis and a data
 * folder, editors split between them; its peer is C1 (one instance).
 *
 * C2-server — the server's share of C2 (a new member joining a case of 10,000
 * passages and 50 sources): time for a fresh client to receive the whole case
 * document, with the server loading it from SQLite (cold).
 *
 * CASEFILE_BENCH_SYNC_SECONDS shortens the load (default 600).
 */
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { generateCase } from '../../fixtures/bundle/generateCase';
import { readTable, writeCaseInfo, writeRecord } from '../../../shared/sync/caseDoc';
import { caseDocName, noteDocName, NOTE_ROOT } from '../../../shared/sync/names';
import { encodeSnapshot } from '../../../shared/sync/snapshot';
import { median, round, type Figure } from '../stats';
import {
  addPassage,
  bootstrap,
  createEditor,
  endState,
  paragraphCount,
  paragraphText,
  prng,
  Propagation,
  sleep,
  startOurServer,
  startPeerServer,
  startRedis,
  tempDir,
  typeChar,
  waitFor,
  type Editor,
  type Proc,
} from '../syncLoad';
import { createHash } from 'node:crypto';
import { cpus, loadavg } from 'node:os';

export const kind = 'node';
export const ids = ['C1', 'C3', 'C2-server'];

const root = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.CASEFILE_BENCH_SYNC_SECONDS ?? 600);
const EDITORS = 10;
const KEY_MS = 500;
const PASSAGE_MS = 10_000;
const CHARS = 'abcdefghijklmnopqrstuvwxyz      ';

interface LoadResult {
  keystrokes: number[];
  passages: number[];
  typed: number;
  added: number;
  lostChars: number;
  lostPassages: number;
  diverged: number;
  serverCopyMatches: boolean;
  rssPeakMB: number;
  rssEndMB: number;
  cpuPercent: number;
  seconds: number;
  /** The machine's 1-minute load average, sampled every 5 s during the load: [min, max]. */
  loadAverage: [number, number];
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function shareCase(httpUrl: string, caseId: string): Promise<string> {
  const res = await fetch(`${httpUrl}/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ caseId }) });
  if (res.status !== 201) throw new Error(`Sharing the benchmark case failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

function acknowledged(p: HocuspocusProvider): boolean {
  return p.isSynced && p.unsyncedChanges === 0;
}

async function runLoad(servers: Proc[], token: string, caseId: string, seconds: number): Promise<LoadResult> {
  const noteId = 'brief';
  const keystrokes = new Propagation();
  const passagesSeen = new Propagation();
  const editors: Editor[] = Array.from({ length: EDITORS }, (_, i) => createEditor(i, `ws://127.0.0.1:${servers[i % servers.length]!.port}`, caseId, noteId, token, keystrokes, passagesSeen));
  try {
    await waitFor(() => editors.every((e) => e.notes.isSynced && e.cases.isSynced), 'every editor to sync', 60_000);
    await bootstrap(editors[0]!, EDITORS);
    await waitFor(() => editors.every((e) => paragraphCount(e) === EDITORS), 'every editor to see the brief', 60_000);
    keystrokes.samples.length = 0;

    const cpu0 = servers.map((s) => s.cpuSeconds());
    let rssPeak = servers.reduce((n, s) => n + s.rssMB(), 0);
    const loads = [loadavg()[0]!];
    const start = performance.now();
    const end = start + seconds * 1000;
    const timers: NodeJS.Timeout[] = [];
    const schedule = (offset: number, period: number, fn: (k: number) => void) => {
      let k = 0;
      const tick = () => {
        const at = start + offset + k * period;
        if (at >= end) return;
        fn(k++);
        timers.push(setTimeout(tick, Math.max(0, start + offset + k * period - performance.now())));
      };
      timers.push(setTimeout(tick, offset));
    };
    const random = prng(2026);
    editors.forEach((e) => {
      const chars = prng(1000 + e.index);
      schedule(Math.floor(random() * KEY_MS), KEY_MS, () => typeChar(e, CHARS[Math.floor(chars() * CHARS.length)]!, keystrokes));
      schedule(Math.floor(random() * PASSAGE_MS), PASSAGE_MS, (k) => addPassage(e, caseId, k, passagesSeen));
    });
    while (performance.now() < end) {
      await sleep(Math.min(5_000, Math.max(0, end - performance.now())));
      rssPeak = Math.max(rssPeak, servers.reduce((n, s) => n + s.rssMB(), 0));
      loads.push(loadavg()[0]!);
    }
    timers.forEach(clearTimeout);
    const cpuPercent = (100 * servers.reduce((n, s, i) => n + (s.cpuSeconds() - cpu0[i]!), 0)) / seconds;

    // Everything sent, acknowledged, and received by everyone.
    const expected = (i: number) => `Section ${i + 1}. ${editors[i]!.typed}`;
    const added = editors.reduce((n, e) => n + e.passages.length, 0);
    await waitFor(
      () =>
        editors.every((e) => acknowledged(e.notes) && acknowledged(e.cases)) &&
        editors.every((e) => editors.every((_, i) => paragraphText(e, i) === expected(i)) && e.caseDoc.getMap('passages').size === added),
      'every editor to converge',
      120_000,
    ).catch(() => undefined);
    const rssEnd = servers.reduce((n, s) => n + s.rssMB(), 0);

    let lostChars = 0;
    let lostPassages = 0;
    for (const e of editors) {
      for (let i = 0; i < EDITORS; i++) {
        const want = expected(i);
        const got = paragraphText(e, i);
        let same = 0;
        while (same < want.length && want[same] === got[same]) same++;
        lostChars += want.length - same;
      }
      const have = e.caseDoc.getMap('passages');
      lostPassages += editors.flatMap((o) => o.passages).filter((id) => !have.has(id)).length;
    }
    const states = editors.map(endState);
    const diverged = states.filter((s) => s !== states[0]).length;

    // What the server holds: a newcomer's copy equals the editors'.
    const newcomer = new Y.Doc();
    const newcase = new Y.Doc();
    const url = `ws://127.0.0.1:${servers[servers.length - 1]!.port}`;
    const n1 = new HocuspocusProvider({ url, name: noteDocName(caseId, noteId), document: newcomer, token, WebSocketPolyfill: WebSocket } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    const n2 = new HocuspocusProvider({ url, name: caseDocName(caseId), document: newcase, token, WebSocketPolyfill: WebSocket } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    await waitFor(() => n1.isSynced && n2.isSynced, 'a newcomer to sync', 60_000).catch(() => undefined);
    const serverCopyMatches =
      newcomer.get(NOTE_ROOT, Y.XmlText).toString() === editors[0]!.note.get(NOTE_ROOT, Y.XmlText).toString() &&
      readTable(newcase, 'passages').length === added;
    n1.destroy();
    n2.destroy();

    return {
      keystrokes: [...keystrokes.samples],
      passages: [...passagesSeen.samples],
      typed: editors.reduce((n, e) => n + e.typed.length, 0),
      added,
      lostChars,
      lostPassages,
      diverged,
      serverCopyMatches,
      rssPeakMB: rssPeak,
      rssEndMB: rssEnd,
      cpuPercent,
      seconds,
      loadAverage: [Math.min(...loads), Math.max(...loads)],
    };
  } finally {
    editors.forEach((e) => e.destroy());
    await sleep(500);
  }
}

function describeLoad(r: LoadResult): string {
  const expectedSamples = r.typed * (EDITORS - 1);
  return (
    `${r.seconds} s, ${EDITORS} editors, ${r.typed} characters and ${r.added} passages; ` +
    `keystroke propagation p50 ${round(percentile(r.keystrokes, 50), 1)} / p95 ${round(percentile(r.keystrokes, 95), 1)} / p99 ${round(percentile(r.keystrokes, 99), 1)} / max ${round(percentile(r.keystrokes, 100), 0)} ms over ${r.keystrokes.length} of ${expectedSamples} deliveries; ` +
    `server copy matches: ${r.serverCopyMatches ? 'yes' : 'NO'}; server CPU ${round(r.cpuPercent, 1)} % of one core; ` +
    `machine load average ${round(r.loadAverage[0], 1)}–${round(r.loadAverage[1], 1)} on ${cpus().length} cores shared with other work, so latencies are noisy`
  );
}

function loadFigures(prefix: 'C1' | 'C3', ours: LoadResult, peer: LoadResult, peerName: string): Figure[] {
  const p95 = percentile(ours.keystrokes, 95);
  const peerP95 = percentile(peer.keystrokes, 95);
  const complete = ours.keystrokes.length === ours.typed * (EDITORS - 1);
  return [
    {
      id: `${prefix}-p95`,
      label: `Keystroke propagation p95, editor to editor through the server (${prefix === 'C3' ? 'two instances with Redis' : 'one instance'})`,
      value: round(p95, 1),
      unit: 'ms',
      peer: peerName,
      peerValue: round(peerP95, 1),
      ratio: round(p95 / peerP95, 2),
      target: '≤ 200 ms',
      pass: p95 <= 200 && complete,
      notes: describeLoad(ours),
    },
    {
      id: `${prefix}-passage-p95`,
      label: 'Passage propagation p95 (case document, editor to editor)',
      value: round(percentile(ours.passages, 95), 1),
      unit: 'ms',
      peer: peerName,
      peerValue: round(percentile(peer.passages, 95), 1),
      target: '≤ 200 ms',
      pass: percentile(ours.passages, 95) <= 200,
    },
    {
      id: `${prefix}-lost`,
      label: 'Lost edits at the end (characters and passages missing anywhere)',
      value: ours.lostChars + ours.lostPassages,
      unit: 'edits',
      peer: peerName,
      peerValue: peer.lostChars + peer.lostPassages,
      target: '0',
      pass: ours.lostChars + ours.lostPassages === 0,
    },
    {
      id: `${prefix}-diverged`,
      label: 'Editors whose end state differs from the others (and the server’s copy)',
      value: ours.diverged + (ours.serverCopyMatches ? 0 : 1),
      unit: 'editors',
      peer: peerName,
      peerValue: peer.diverged + (peer.serverCopyMatches ? 0 : 1),
      target: '0',
      pass: ours.diverged === 0 && ours.serverCopyMatches,
    },
    {
      id: `${prefix}-mem`,
      label: `Server memory, peak resident set${prefix === 'C3' ? ' (both instances together)' : ''}`,
      value: round(ours.rssPeakMB, 1),
      unit: 'MB',
      peer: peerName,
      peerValue: round(peer.rssPeakMB, 1),
      ratio: round(ours.rssPeakMB / peer.rssPeakMB, 2),
      notes: `at the end ${round(ours.rssEndMB, 1)} MB (peer ${round(peer.rssEndMB, 1)} MB); server CPU ${round(ours.cpuPercent, 1)} % of one core (peer ${round(peer.cpuPercent, 1)} %)`,
    },
  ];
}

async function c2Server(): Promise<Figure[]> {
  const data = generateCase({ sources: 50, sourceChars: 3_000, passages: 10_000, claims: 200, tags: 30, originals: false, seed: 77 });
  const doc = new Y.Doc();
  const ctx = { actor: 'owner', now: Date.UTC(2026, 0, 1) };
  const caseId = data.case.id;
  writeCaseInfo(doc, { id: caseId, name: data.case.name, createdAt: data.case.createdAt }, ctx);
  for (const t of data.tags) writeRecord(doc, 'tags', t, ctx);
  for (const s of data.sources) {
    const snapshot = createHash('sha256').update(encodeSnapshot(s)).digest('hex');
    writeRecord(doc, 'sources', { ...s, snapshot }, ctx);
  }
  for (const p of data.passages) writeRecord(doc, 'passages', p, ctx);
  for (const c of data.claims) writeRecord(doc, 'claims', c, ctx);
  for (const n of data.notes) writeRecord(doc, 'notes', n, ctx);
  const bytes = Y.encodeStateAsUpdate(doc).length;

  const results: { name: string; upload: number; joins: number[] }[] = [];
  for (const name of ['ours', 'peer'] as const) {
    const dir = tempDir('casefile-bench-c2-');
    const server = name === 'ours' ? await startOurServer(root, dir.path) : await startPeerServer(root, `${dir.path}/peer.sqlite`);
    try {
      const token = name === 'ours' ? await shareCase(`http://127.0.0.1:${server.port}`, caseId) : 'none';
      const url = `ws://127.0.0.1:${server.port}`;
      const t0 = performance.now();
      const up = new HocuspocusProvider({ url, name: caseDocName(caseId), document: doc, token, WebSocketPolyfill: WebSocket } as ConstructorParameters<typeof HocuspocusProvider>[0]);
      await waitFor(() => acknowledged(up), 'the case to upload', 120_000);
      const upload = performance.now() - t0;
      up.destroy();
      const joins: number[] = [];
      for (let run = 0; run < 5; run++) {
        await sleep(3_000); // the server stores and unloads the document, so each join loads it from SQLite
        const fresh = new Y.Doc();
        const t1 = performance.now();
        const p = new HocuspocusProvider({ url, name: caseDocName(caseId), document: fresh, token, WebSocketPolyfill: WebSocket } as ConstructorParameters<typeof HocuspocusProvider>[0]);
        await waitFor(() => p.isSynced, 'a new member to receive the case', 120_000);
        joins.push(performance.now() - t1);
        if (fresh.getMap('passages').size !== data.passages.length) throw new Error(`C2-server: the new member received ${fresh.getMap('passages').size} passages, not ${data.passages.length}.`);
        p.destroy();
      }
      results.push({ name, upload, joins });
    } finally {
      await server.stop();
      dir.remove();
    }
  }
  const [ours, peer] = results as [(typeof results)[0], (typeof results)[0]];
  const runs = (r: number[]) => r.map((x) => x.toFixed(0)).join(', ');
  return [
    {
      id: 'C2-server-join',
      label: `Server share of C2: a new member receives the whole case document (10,000 passages, 50 sources, 200 claims; ${round(bytes / 2 ** 20, 2)} MB), loaded cold from SQLite`,
      value: round(median(ours.joins), 1),
      unit: 'ms',
      peer: 'stock Hocuspocus + SQLite extension',
      peerValue: round(median(peer.joins), 1),
      ratio: round(median(ours.joins) / median(peer.joins), 2),
      notes: `median of 5; runs ${runs(ours.joins)} ms (peer ${runs(peer.joins)} ms); first upload of the case ${round(ours.upload, 0)} ms (peer ${round(peer.upload, 0)} ms); machine load average ${round(loadavg()[0]!, 1)} at the end. The rest of C2 (Dexie, rendering) belongs to the client.`,
    },
    {
      id: 'C2-server-size',
      label: 'Size of that case document as one update (must stay under the 32 MB message cap)',
      value: round(bytes / 2 ** 20, 2),
      unit: 'MB',
      target: '≤ 32 MB',
      pass: bytes <= 32 * 2 ** 20,
    },
  ];
}

export async function run(): Promise<Figure[]> {
  const seconds = SECONDS;
  console.log(`  C1/C3: ${seconds} s of load per configuration (CASEFILE_BENCH_SYNC_SECONDS)`);

  // C1, ours.
  const d1 = tempDir('casefile-bench-c1-');
  let c1: LoadResult;
  {
    const server = await startOurServer(root, d1.path);
    try {
      const token = await shareCase(`http://127.0.0.1:${server.port}`, 'bench-c1');
      c1 = await runLoad([server], token, 'bench-c1', seconds);
    } finally {
      await server.stop();
      d1.remove();
    }
  }
  console.log(`  C1 ours: ${describeLoad(c1)}`);

  // C1, peer.
  const d2 = tempDir('casefile-bench-c1peer-');
  let peer: LoadResult;
  {
    const server = await startPeerServer(root, `${d2.path}/peer.sqlite`);
    try {
      peer = await runLoad([server], 'none', 'bench-c1', seconds);
    } finally {
      await server.stop();
      d2.remove();
    }
  }
  console.log(`  C1 peer: ${describeLoad(peer)}`);

  // C3: two instances, Redis, one data folder.
  const d3 = tempDir('casefile-bench-c3-');
  let c3: LoadResult;
  {
    const redis = await startRedis(d3.path);
    const url = `redis://127.0.0.1:${redis.port}`;
    const one = await startOurServer(root, `${d3.path}/data`, { redisUrl: url });
    const two = await startOurServer(root, `${d3.path}/data`, { redisUrl: url });
    try {
      const token = await shareCase(`http://127.0.0.1:${one.port}`, 'bench-c3');
      c3 = await runLoad([one, two], token, 'bench-c3', seconds);
    } finally {
      await one.stop();
      await two.stop();
      await redis.stop();
      d3.remove();
    }
  }
  console.log(`  C3: ${describeLoad(c3)}`);

  // The price of --durability always (an fsync before each acknowledgement), on a shorter run.
  const alwaysSeconds = Math.min(seconds, 120);
  const d4 = tempDir('casefile-bench-c1always-');
  let always: LoadResult;
  {
    const server = await startOurServer(root, d4.path, { durability: 'always' });
    try {
      const token = await shareCase(`http://127.0.0.1:${server.port}`, 'bench-c1-always');
      always = await runLoad([server], token, 'bench-c1-always', alwaysSeconds);
    } finally {
      await server.stop();
      d4.remove();
    }
  }
  console.log(`  C1 --durability always: ${describeLoad(always)}`);
  const alwaysFigure: Figure = {
    id: 'C1-always-p95',
    label: `Keystroke propagation p95 with --durability always (fsync before each acknowledgement), C1's load for ${alwaysSeconds} s`,
    value: round(percentile(always.keystrokes, 95), 1),
    unit: 'ms',
    peer: 'C1 (durability periodic, the default)',
    peerValue: round(percentile(c1.keystrokes, 95), 1),
    ratio: round(percentile(always.keystrokes, 95) / percentile(c1.keystrokes, 95), 2),
    notes: describeLoad(always),
  };

  return [
    ...loadFigures('C1', c1, peer, 'stock Hocuspocus + SQLite extension, same load'),
    alwaysFigure,
    ...loadFigures('C3', c3, c1, 'C1: one instance of ours, same load'),
    ...(await c2Server()),
  ];
}
