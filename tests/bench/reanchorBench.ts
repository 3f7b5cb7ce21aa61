/**
 * The P1 family: batch re-anchoring after a source revision, timed against the
 * Hypothesis client's method on the same inputs in the same process, and both
 * scored against the corpus generator's ground truth. P1, P1-reflow and
 * P1-cjk differ only in the corpus (see corpus.ts).
 */
import os from 'node:os';
import { reanchorAll } from '../../shared/anchoring/reanchor';
import { buildCorpus, judge, type CorpusOptions, type Verdict } from './corpus';
import { hypothesisReanchor } from './hypothesisPeer';
import { RUNS, round, timeRuns, type Figure } from './stats';

const PEER = 'Hypothesis method (approx-string-match)';
/**
 * The peer is measured fewer times than ours: one run of it takes one to
 * three minutes on this corpus, and at a ratio in the hundreds three runs
 * settle the median well enough.
 */
const PEER_RUNS = 3;

/** The figure ids a P1-family suite reports, for its `ids` export. */
export function reanchorIds(id: string): string[] {
  return [id, `${id}-peer`, `${id}-ratio`, `${id}-accuracy`, `${id}-wrong`, `${id}-peer-accuracy`, `${id}-peer-wrong`];
}

function pct(v: Verdict): number {
  return round((100 * v.correct) / v.total, 2);
}

function describeVerdict(v: Verdict): string {
  return `${v.correct} correct, ${v.near} overlapping with other boundaries, ${v.lost} orphaned though present, ${v.wrong} wrong, of ${v.total}`;
}

/** The load the machine was under when the suite started, for the notes: timings on a shared machine are noisy. */
function load(): string {
  return `load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores at the start`;
}

/** Run one P1-family benchmark: `id` names its figures, `what` describes its corpus. */
export function reanchorFigures(id: string, options: CorpusOptions, what: string): Figure[] {
  const machine = load();
  const corpus = buildCorpus(options);
  const { oldText, newText, passages, stats } = corpus;
  const setting = `${what}: ${(newText.length / 1e6).toFixed(2)} M characters, ${passages.length} passages, ${stats.editedSentences} of ${stats.sentences} sentences edited, ${stats.insertedSentences} inserted${stats.wrappedParagraphs ? `, ${stats.paragraphs} paragraphs re-flowed (${stats.wrappedParagraphs} hard-wrapped)` : ''}`;

  const ours = timeRuns(() => reanchorAll(oldText, newText, passages), RUNS);
  const peer = timeRuns(() => hypothesisReanchor(newText, passages), PEER_RUNS);
  const ourVerdict = judge(corpus, ours.result);
  const peerVerdict = judge(corpus, peer.result);
  const ratio = round(peer.ms / ours.ms, 1);

  return [
    {
      id,
      label: `reanchorAll time (${setting})`,
      value: round(ours.ms, 1),
      unit: 'ms',
      peer: PEER,
      peerValue: round(peer.ms, 1),
      ratio,
      target: '≤ 200 ms',
      pass: ours.ms <= 200,
      notes: `median of ${RUNS} runs; runs: ${ours.runs.map((t) => t.toFixed(1)).join(', ')} ms; ${machine}`,
    },
    {
      id: `${id}-peer`,
      label: 'peer time, same inputs',
      value: round(peer.ms, 1),
      unit: 'ms',
      peer: PEER,
      notes: `median of ${PEER_RUNS} runs; runs: ${peer.runs.map((t) => t.toFixed(0)).join(', ')} ms`,
    },
    {
      id: `${id}-ratio`,
      label: 'speed-up over the peer',
      value: ratio,
      unit: '×',
      peer: PEER,
      target: '≥ 30×',
      pass: ratio >= 30,
      notes: `peer median ÷ our median, same process; ${machine}`,
    },
    {
      id: `${id}-accuracy`,
      label: 'passages placed exactly where the ground truth says',
      value: pct(ourVerdict),
      unit: '%',
      peer: PEER,
      peerValue: pct(peerVerdict),
      target: '≥ 99%',
      pass: pct(ourVerdict) >= 99,
      notes: describeVerdict(ourVerdict),
    },
    {
      id: `${id}-wrong`,
      label: 'passages placed where the ground truth disagrees',
      value: ourVerdict.wrong,
      unit: 'passages',
      peer: PEER,
      peerValue: peerVerdict.wrong,
      target: '0',
      pass: ourVerdict.wrong === 0,
    },
    { id: `${id}-peer-accuracy`, label: 'peer: placed exactly where the ground truth says', value: pct(peerVerdict), unit: '%', peer: PEER, notes: describeVerdict(peerVerdict) },
    { id: `${id}-peer-wrong`, label: 'peer: placed where the ground truth disagrees', value: peerVerdict.wrong, unit: 'passages', peer: PEER },
  ];
}
