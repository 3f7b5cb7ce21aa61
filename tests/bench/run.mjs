#!/usr/bin/env node
// The benchmark harness behind `npm run bench [-- ID ...]`.
//
// Discovers tests/bench/suites/*.bench.ts, bundles each with esbuild into
// .cache/bench/, and runs its exported `run(ctx)`. A suite exports
// `kind: 'node' | 'browser'`; browser suites get a built renderer served by the
// app's own web server and a Chromium page. Every suite returns Figure[]
// (see tests/bench/stats.ts). Results are merged into bench-results.json and
// the table in BENCHMARKS.md is rewritten between its markers.
//
// Arguments select what runs: a suite runs when its file name starts with an
// argument (`P1` → p1-reanchor.bench.ts) or when one of its figure ids does;
// only the matching figures of a suite are recorded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeBundle } from '../../scripts/esbuild.config.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const suitesDir = join(root, 'tests/bench/suites');
const cacheDir = join(root, '.cache/bench');
const resultsPath = join(root, 'bench-results.json');
const markdownPath = join(root, 'BENCHMARKS.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

const filters = process.argv.slice(2).map((a) => a.toLowerCase());

/** Whether a suite file or a figure id is selected by the command-line filters. */
function selected(name) {
  if (filters.length === 0) return true;
  const n = name.toLowerCase();
  return filters.some((f) => n === f || n.startsWith(`${f}-`) || n.startsWith(`${f} `) || n.startsWith(f + '.'));
}

async function bundle(file) {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, basename(file).replace(/\.ts$/, '.mjs'));
  await nodeBundle({ entry: file, outfile });
  // A query string defeats the module cache when one process imports a rebuilt bundle.
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/** Build the renderer, serve it, and open Chromium: the context browser suites run in. */
async function startBrowser() {
  const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (vite.status !== 0) throw new Error('The renderer build failed; browser benchmarks cannot run.');
  const { startWebServer } = await bundle(join(root, 'node/web/server.ts'));
  const server = await startWebServer({ rootDir: join(root, 'dist/renderer'), port: 0 });
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CASEFILE_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    await server.close();
    throw new Error(`Chromium not found at ${executablePath}; set CASEFILE_CHROMIUM to its path.`);
  }
  const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  const browser = await chromium.launch({ executablePath, args });
  const page = await browser.newPage();
  return {
    ctx: { page, baseURL: server.url, token: server.token, browser },
    version: browser.version(),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

function fmt(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '';
  if (typeof x === 'boolean') return x ? '✅' : '❌';
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) >= 100 ? 0 : 2);
  return String(x).replace(/\|/g, '\\|');
}

function table(figures) {
  const rows = [
    '| id | what | value | peer | peer value | ratio | target | pass |',
    '| --- | --- | ---: | --- | ---: | ---: | --- | :---: |',
  ];
  for (const f of figures) {
    const unit = f.unit ? ` ${f.unit}` : '';
    rows.push(
      `| ${fmt(f.id)} | ${fmt(f.label)} | ${fmt(f.value)}${unit} | ${fmt(f.peer)} | ${f.peerValue === undefined ? '' : fmt(f.peerValue) + unit} | ${f.ratio === undefined ? '' : fmt(f.ratio) + '×'} | ${fmt(f.target)} | ${fmt(f.pass)} |`,
    );
  }
  return rows.join('\n');
}

function writeMarkdown(figures, machine, date) {
  const block = `${BEGIN}\n${table(figures)}\n\nLast run ${date} on ${machine.cpus}× ${machine.cpuModel}, ${machine.memGB} GB RAM, Node ${machine.node}${machine.chromium ? `, Chromium ${machine.chromium}` : ''}.\n${END}`;
  const current = existsSync(markdownPath) ? readFileSync(markdownPath, 'utf8') : '';
  const at = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = at >= 0 && end > at ? current.slice(0, at) + block + current.slice(end + END.length) : `${current}${current.endsWith('\n') || !current ? '' : '\n'}\n${block}\n`;
  writeFileSync(markdownPath, next);
}

/** The command line that ran the harness, as a user would type it. */
function command() {
  const args = process.argv.slice(2);
  return args.length > 0 ? `npm run bench -- ${args.join(' ')}` : 'npm run bench';
}

function validFigure(f) {
  return f && typeof f.id === 'string' && typeof f.label === 'string' && typeof f.value === 'number' && Number.isFinite(f.value) && typeof f.unit === 'string';
}

async function main() {
  const files = existsSync(suitesDir) ? readdirSync(suitesDir).filter((f) => f.endsWith('.bench.ts')).sort() : [];
  if (files.length === 0) throw new Error(`No suites found in ${suitesDir}.`);
  const fresh = [];
  let browserSession;
  let chromiumVersion;
  try {
    for (const file of files) {
      const suiteName = file.replace(/\.bench\.ts$/, '');
      const suite = await bundle(join(suitesDir, file));
      if (typeof suite.run !== 'function' || (suite.kind !== 'node' && suite.kind !== 'browser')) {
        throw new Error(`${file} must export kind: 'node' | 'browser' and run(ctx).`);
      }
      const bySuite = selected(suiteName);
      if (!bySuite && !(Array.isArray(suite.ids) && suite.ids.some(selected))) continue;
      let ctx = {};
      if (suite.kind === 'browser') {
        browserSession ??= await startBrowser();
        chromiumVersion = browserSession.version;
        ctx = browserSession.ctx;
      }
      console.log(`▶ ${suiteName} (${suite.kind})`);
      const figures = await suite.run(ctx);
      for (const f of figures) {
        if (!validFigure(f)) throw new Error(`${file} returned a malformed figure: ${JSON.stringify(f)}`);
        if (!bySuite && !selected(f.id)) continue;
        // How the figure was produced (a subset run is reproducible) and how loaded the machine was when its suite ended.
        fresh.push({ ...f, command: command(), loadAverage: Math.round((os.loadavg()[0] ?? 0) * 10) / 10 });
        const verdict = f.pass === undefined ? '' : f.pass ? '  pass' : '  FAIL';
        console.log(`  ${f.id.padEnd(18)} ${fmt(f.value)} ${f.unit}${f.peerValue !== undefined ? `  (peer ${fmt(f.peerValue)})` : ''}${f.target ? `  target ${f.target}` : ''}${verdict}`);
      }
    }
  } finally {
    await browserSession?.close();
  }
  if (fresh.length === 0) {
    console.error(`Nothing matched ${filters.join(', ')}.`);
    process.exitCode = 1;
    return;
  }

  const previous = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : { figures: [] };
  const freshIds = new Set(fresh.map((f) => f.id));
  const figures = [...(previous.figures ?? []).filter((f) => !freshIds.has(f.id)), ...fresh].sort((a, b) =>
    a.id.localeCompare(b.id, 'en', { numeric: true }),
  );
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    ...(chromiumVersion ?? previous.machine?.chromium ? { chromium: chromiumVersion ?? previous.machine?.chromium } : {}),
  };
  const date = new Date().toISOString();
  writeFileSync(resultsPath, `${JSON.stringify({ machine, date, figures }, null, 2)}\n`);
  writeMarkdown(figures, machine, date.slice(0, 10));
  console.log(`Wrote ${basename(resultsPath)} and ${basename(markdownPath)} (${fresh.length} figure(s) updated).`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
