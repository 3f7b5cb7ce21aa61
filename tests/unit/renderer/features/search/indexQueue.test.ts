import { describe, expect, it } from 'vitest';
import { IndexQueue } from '../../../../../renderer/features/search/indexQueue';
import type { SearchDoc } from '../../../../../renderer/features/search/searchIndex';

const doc = (id: string) => ({ id, kind: 'note', recordId: id, title: '', text: id, heading: id }) as SearchDoc;

function recorder() {
  const log: string[] = [];
  return { log, target: { setRecord: (id: string) => log.push(`set ${id}`), removeRecord: (id: string) => log.push(`remove ${id}`) } };
}

describe('IndexQueue', () => {
  it('applies changes in the order they came, removals of a change before its sets', () => {
    const { log, target } = recorder();
    const queue = new IndexQueue(target);
    queue.add({ set: [['a', [doc('a')]]], removed: [] });
    queue.add({ set: [['b', [doc('b')]]], removed: ['a'] });
    expect(queue.pending).toBe(3);
    expect(queue.run(1000)).toBe(3);
    expect(log).toEqual(['set a', 'remove a', 'set b']);
    expect(queue.pending).toBe(0);
  });

  it('stops when its time is up and goes on from there next time', () => {
    const { log, target } = recorder();
    const queue = new IndexQueue(target);
    queue.add({ set: ['a', 'b', 'c', 'd', 'e'].map((id) => [id, [doc(id)]] as [string, SearchDoc[]]), removed: [] });
    let clock = 0;
    // Each step "takes" 10 ms: a 25 ms budget runs three steps (the one that crosses it included).
    const now = () => (clock += 10) - 10;
    expect(queue.run(25, now)).toBe(3);
    expect(queue.pending).toBe(2);
    expect(queue.run(25, now)).toBe(2);
    expect(log).toEqual(['set a', 'set b', 'set c', 'set d', 'set e']);
  });

  it('applies at least one step however small the budget, and nothing once cleared', () => {
    const { log, target } = recorder();
    const queue = new IndexQueue(target);
    queue.add({ set: [['a', [doc('a')]], ['b', [doc('b')]]], removed: [] });
    expect(queue.run(0)).toBe(1);
    queue.clear();
    expect(queue.pending).toBe(0);
    expect(queue.run(1000)).toBe(0);
    expect(log).toEqual(['set a']);
  });
});
