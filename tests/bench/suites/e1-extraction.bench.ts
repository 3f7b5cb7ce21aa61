/**
 * E1 (node part): dates and people, organisations and places over 50
 * sources of 40 KB, with the app's own extraction (`shared/chronology`,
 * `shared/entities`: chrono-node, and compromise on one sentence per
 * distinct name) against the peer: compromise and chrono as their users run
 * them, over the whole text of each source (`nlp(text).people()`,
 * `.organizations()`, `.places()`, `chrono.parse(text)`). Same corpus, same
 * process. The browser part (E1-app) measures the worker in the running app.
 */
import nlp from 'compromise';
import * as chrono from 'chrono-node/en';
import { datesInSource } from '../../../shared/chronology/timeline';
import { extractEntities, findMentions } from '../../../shared/entities/extract';
import { combineNames } from '../../../shared/entities/entities';
import { normaliseText } from '../../../shared/import/text';
import type { SourceRecord } from '../../../shared/domain/types';
import { median, round, type Figure } from '../stats';
import { viewsCorpus } from '../viewsCorpus';

export const kind = 'node';
export const ids = ['E1-node'];

const RUNS = 3;

export async function run(): Promise<Figure[]> {
  const sources: SourceRecord[] = viewsCorpus().map((s, i) => {
    const snapshot = normaliseText(s.text);
    return {
      id: `s${i}`,
      caseId: 'c',
      format: 'text',
      text: snapshot.text,
      blocks: snapshot.blocks,
      sha256: '0'.repeat(64),
      fileName: `${i}.txt`,
      byteLength: snapshot.text.length,
      importedAt: Date.UTC(2024, 2, 15),
      metadata: { type: 'article-newspaper', title: s.title, issued: { 'date-parts': [[2024, 3, 15]] } },
      revision: 1,
      order: i,
    };
  });

  const ours: number[] = [];
  let counts = { dates: 0, names: 0, mentions: 0 };
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    let dates = 0;
    const extracted = sources.map((source) => {
      dates += datesInSource(source).dates.length;
      return { text: source.text, extracted: extractEntities(source.text, source.blocks) };
    });
    const names = combineNames(extracted);
    const mentions = extracted.reduce((n, s) => n + findMentions(s.text, s.extracted.runs, names).length, 0);
    ours.push(performance.now() - t0);
    counts = { dates, names: names.length, mentions };
  }

  const peer: number[] = [];
  let peerCounts = { dates: 0, names: 0 };
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    let dates = 0;
    const names = new Set<string>();
    for (const source of sources) {
      dates += chrono.parse(source.text, new Date(Date.UTC(2024, 2, 15))).length;
      const doc = nlp(source.text);
      for (const list of [doc.people(), doc.organizations(), doc.places()]) for (const name of list.out('array') as string[]) names.add(name);
    }
    peer.push(performance.now() - t0);
    peerCounts = { dates, names: names.size };
  }

  const value = median(ours);
  const peerValue = median(peer);
  return [
    {
      id: 'E1-node',
      label: `Dates and entities over 50 sources of 40 KB, one thread (${counts.dates} dates, ${counts.names} names, ${counts.mentions} mentions; peer found ${peerCounts.dates} dates, ${peerCounts.names} name strings)`,
      value: round(value, 0),
      unit: 'ms',
      peer: 'compromise + chrono over the whole text',
      peerValue: round(peerValue, 0),
      ratio: round(peerValue / value, 2),
      target: '≤ 5000 ms',
      pass: value <= 5000,
    },
  ];
}
