/**
 * P1 — batch re-anchoring after a source revision. A ~2 MB report with 10,000
 * passages has 1% of its sentences edited (words substituted, inserted,
 * deleted) and new sentences inserted so most offsets shift. We time
 * `reanchorAll` and the Hypothesis client's per-passage method on the same
 * inputs in the same process, and score both against the generator's ground
 * truth.
 */
import { reanchorAll } from '../../../shared/anchoring/reanchor';
import { buildCorpus, judge, type Verdict } from '../corpus';
import { hypothesisReanchor } from '../hypothesisPeer';
import { RUNS, round, timeRuns, type Figure } from '../stats';

export const kind = 'node';
export const ids = ['P1', 'P1-peer', 'P1-ratio', 'P1-accuracy', 'P1-wrong', 'P1-peer-accuracy', 'P1-peer-wrong'];

const PEER = 'Hypothesis method (approx-string-match)';

function pct(v: Verdict): number {
  return round((100 * v.correct) / v.total, 2);
}

function describeVerdict(v: Verdict): string {
  return `${v.correct} correct, ${v.near} overlapping with other boundaries, ${v.lost} orphaned though present, ${v.wrong} wrong, of ${v.total}`;
}

export async function run(): Promise<Figure[]> {
  const corpus = buildCorpus();
  const { oldText, newText, passages, stats } = corpus;
  const setting = `${(newText.length / 1e6).toFixed(2)} MB, ${passages.length} passages, ${stats.editedSentences} of ${stats.sentences} sentences edited, ${stats.insertedSentences} inserted`;

  const ours = timeRuns(() => reanchorAll(oldText, newText, passages), RUNS);
  const peer = timeRuns(() => hypothesisReanchor(newText, passages), RUNS);
  const ourVerdict = judge(corpus, ours.result);
  const peerVerdict = judge(corpus, peer.result);
  const ratio = round(peer.ms / ours.ms, 1);
  const runs = `median of ${RUNS} runs`;

  return [
    {
      id: 'P1',
      label: `reanchorAll time (${setting})`,
      value: round(ours.ms, 1),
      unit: 'ms',
      peer: PEER,
      peerValue: round(peer.ms, 1),
      ratio,
      target: '≤ 200 ms',
      pass: ours.ms <= 200,
      notes: `${runs}; runs: ${ours.runs.map((t) => t.toFixed(1)).join(', ')} ms`,
    },
    {
      id: 'P1-peer',
      label: 'peer time, same inputs',
      value: round(peer.ms, 1),
      unit: 'ms',
      peer: PEER,
      notes: `${runs}; runs: ${peer.runs.map((t) => t.toFixed(0)).join(', ')} ms`,
    },
    { id: 'P1-ratio', label: 'speed-up over the peer', value: ratio, unit: '×', peer: PEER, target: '≥ 30×', pass: ratio >= 30, notes: runs },
    {
      id: 'P1-accuracy',
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
      id: 'P1-wrong',
      label: 'passages placed where the ground truth disagrees',
      value: ourVerdict.wrong,
      unit: 'passages',
      peer: PEER,
      peerValue: peerVerdict.wrong,
      target: '0',
      pass: ourVerdict.wrong === 0,
    },
    { id: 'P1-peer-accuracy', label: 'peer: placed exactly where the ground truth says', value: pct(peerVerdict), unit: '%', peer: PEER, notes: describeVerdict(peerVerdict) },
    { id: 'P1-peer-wrong', label: 'peer: placed where the ground truth disagrees', value: peerVerdict.wrong, unit: 'passages', peer: PEER },
  ];
}
