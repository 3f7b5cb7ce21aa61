/**
 * Load for the sync benchmarks (C1, C3): servers as separate processes, and
 * simulated editors that work the way the app will — a headless Lexical
 * editor bound to the note's Y.Doc through @lexical/yjs (the same binding the
 * CollaborationPlugin uses, cursors in awareness), plus the case's Y.Doc
 * written through shared/sync/caseDoc — each on the Hocuspocus provider over
 * `ws`, one socket per editor carrying both documents.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, initLocalState, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode, type LexicalEditor } from 'lexical';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { PassageRecord } from '../../shared/domain/types';
import { readTable, writeRecord } from '../../shared/sync/caseDoc';
import { caseDocName, noteDocName, NOTE_ROOT } from '../../shared/sync/names';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(20);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------- processes

export interface Proc {
  pid: number;
  port: number;
  output(): string;
  /** Resident set size now, in MB. */
  rssMB(): number;
  /** CPU seconds used so far (user + system). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function procStat(pid: number): { rssMB: number; cpu: number } {
  if (!existsSync(`/proc/${pid}/stat`)) return { rssMB: NaN, cpu: NaN };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? NaN);
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second on Linux).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssMB: rssKb / 1024, cpu: (Number(fields[11]) + Number(fields[12])) / 100 };
}

async function spawnUntil(cmd: string, args: string[], ready: string, cwd: string, port: number, env: NodeJS.ProcessEnv = process.env): Promise<Proc> {
  const child: ChildProcess = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await waitFor(() => out.includes(ready) || child.exitCode !== null, `${args[0] ?? cmd} to start`, 60_000);
  if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} did not start:\n${out}`);
  return {
    pid: child.pid!,
    port,
    output: () => out,
    rssMB: () => procStat(child.pid!).rssMB,
    cpuSeconds: () => procStat(child.pid!).cpu,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Our server, as users start it. */
export async function startOurServer(root: string, dataDir: string, options: { redisUrl?: string; durability?: 'periodic' | 'always' } = {}): Promise<Proc> {
  const port = await freePort();
  const args = [
    'scripts/sync-server.mjs',
    '--port',
    String(port),
    '--data',
    dataDir,
    ...(options.redisUrl ? ['--redis', options.redisUrl] : []),
    ...(options.durability ? ['--durability', options.durability] : []),
  ];
  return spawnUntil(process.execPath, args, 'is listening on', root, port, { ...process.env, CASEFILE_SYNC_SECRET: '' });
}

/** The peer: stock Hocuspocus with the stock SQLite extension, as its documentation sets it up. */
export async function startPeerServer(root: string, databaseFile: string): Promise<Proc> {
  const port = await freePort();
  return spawnUntil(process.execPath, ['tests/bench/hocuspocusPeer.mjs', String(port), databaseFile], 'peer listening', root, port);
}

export async function startRedis(dir: string): Promise<Proc> {
  const port = await freePort();
  return spawnUntil('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], 'Ready to accept connections', dir, port);
}

// ---------------------------------------------------------------- editors

/** mulberry32, so every run types the same characters. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Mark {
  clock: number;
  t0: number;
}

/** Propagation of one editor's changes to the others: sender → pending marks; receivers resolve them by state vector. */
export class Propagation {
  private readonly marks = new Map<number, Mark[]>();
  private readonly next = new Map<string, number>();
  readonly samples: number[] = [];

  record(sender: number, clock: number, t0: number): void {
    const list = this.marks.get(sender) ?? [];
    list.push({ clock, t0 });
    this.marks.set(sender, list);
  }

  /** The receiver's state now holds `state(sender)` of each sender: resolve the marks that arrived. */
  arrived(receiver: number, doc: Y.Doc, now: number): void {
    for (const [sender, list] of this.marks) {
      if (sender === doc.clientID) continue;
      const key = `${receiver}:${sender}`;
      let i = this.next.get(key) ?? 0;
      const have = doc.store.clients.has(sender) ? Y.getState(doc.store, sender) : 0;
      while (i < list.length && list[i]!.clock <= have) {
        this.samples.push(now - list[i]!.t0);
        i++;
      }
      this.next.set(key, i);
    }
  }
}

export interface Editor {
  index: number;
  editor: LexicalEditor;
  note: Y.Doc;
  caseDoc: Y.Doc;
  notes: HocuspocusProvider;
  cases: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  typed: string;
  passages: string[];
  destroy(): void;
}

const noCursors = () => undefined;

export function createEditor(index: number, url: string, caseId: string, noteId: string, token: string, keystrokes: Propagation, passagesSeen: Propagation): Editor {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket } as ConstructorParameters<typeof HocuspocusProviderWebsocket>[0]);
  const note = new Y.Doc();
  const caseDoc = new Y.Doc();
  const notes = new HocuspocusProvider({ websocketProvider: socket, name: noteDocName(caseId, noteId), document: note, token });
  const cases = new HocuspocusProvider({ websocketProvider: socket, name: caseDocName(caseId), document: caseDoc, token });
  notes.attach();
  cases.attach();

  const editor = createHeadlessEditor({ namespace: 'bench', nodes: [], onError: (e) => console.error(e) });
  const provider = notes as unknown as Provider;
  const docMap = new Map([[NOTE_ROOT, note]]);
  const binding = createBinding(editor, provider, NOTE_ROOT, note, docMap);
  const root = binding.root.getSharedType();
  const onYjs = (events: Y.YEvent<Y.Text>[], transaction: Y.Transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, provider, events, false, noCursors);
  };
  root.observeDeep(onYjs as never);
  initLocalState(provider, `Editor ${index + 1}`, '#4e79a7', true, {});
  const offUpdate = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyLeaves, dirtyElements, normalizedNodes, tags }) => {
    if (!tags.has('skip-collab')) syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  // A remote change is "seen" when this editor's state holds it.
  const offSeen = editor.registerUpdateListener(({ tags }) => {
    if (tags.has('collaboration')) keystrokes.arrived(index, note, performance.now());
  });
  caseDoc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === cases) passagesSeen.arrived(index, caseDoc, performance.now());
  });
  return {
    index,
    editor,
    note,
    caseDoc,
    notes,
    cases,
    socket,
    typed: '',
    passages: [],
    destroy() {
      offUpdate();
      offSeen();
      root.unobserveDeep(onYjs as never);
      notes.destroy();
      cases.destroy();
      socket.destroy();
    },
  };
}

/** The first editor lays out one paragraph per editor (what a shared brief's author would have written). */
export function bootstrap(e: Editor, paragraphs: number): Promise<void> {
  return new Promise((resolve) => {
    e.editor.update(
      () => {
        const root = $getRoot();
        root.clear();
        for (let i = 0; i < paragraphs; i++) root.append($createParagraphNode().append($createTextNode(`Section ${i + 1}. `)));
      },
      { onUpdate: resolve },
    );
  });
}

export function paragraphCount(e: Editor): number {
  return e.editor.getEditorState().read(() => $getRoot().getChildrenSize());
}

export function paragraphText(e: Editor, i: number): string {
  return e.editor.getEditorState().read(() => ($getRoot().getChildAtIndex(i) as ElementNode | null)?.getTextContent() ?? '');
}

/** Type one character at the end of this editor's own paragraph, as a keystroke would. */
export function typeChar(e: Editor, ch: string, keystrokes: Propagation): void {
  const t0 = performance.now();
  e.editor.update(
    () => {
      const p = $getRoot().getChildAtIndex(e.index) as ElementNode;
      p.selectEnd().insertText(ch);
    },
    {
      onUpdate: () => {
        // The binding has written the keystroke into the Y.Doc by now (it listens first).
        keystrokes.record(e.note.clientID, Y.getState(e.note.store, e.note.clientID), t0);
      },
    },
  );
  e.typed += ch;
}

export function addPassage(e: Editor, caseId: string, n: number, passagesSeen: Propagation): void {
  const id = `p-${e.index}-${n}`;
  const now = Date.now();
  const passage: PassageRecord = {
    id,
    caseId,
    sourceId: 'source-1',
    selectors: [
      { type: 'TextQuoteSelector', exact: `passage ${n} chosen by editor ${e.index + 1}`, prefix: 'the report says that ', suffix: ' and the court heard' },
      { type: 'TextPositionSelector', start: 1000 * n, end: 1000 * n + 40 },
    ],
    tags: [],
    comment: '',
    locator: { kind: 'paragraph', value: n + 1 },
    anchor: 'exact',
    createdAt: now,
    updatedAt: now,
  };
  const t0 = performance.now();
  writeRecord(e.caseDoc, 'passages', passage, { actor: `editor-${e.index}`, now });
  passagesSeen.record(e.caseDoc.clientID, Y.getState(e.caseDoc.store, e.caseDoc.clientID), t0);
  e.passages.push(id);
}

export function endState(e: Editor): string {
  return JSON.stringify({ lexical: e.editor.getEditorState().toJSON(), passages: readTable(e.caseDoc, 'passages').map((p) => p.id) });
}
