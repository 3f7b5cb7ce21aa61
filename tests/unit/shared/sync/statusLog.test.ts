import { describe, expect, it } from 'vitest';
import {
  changeEntry,
  concurrentChanges,
  confirmEntry,
  currentStatus,
  statusHeads,
  toStatusChanges,
  type StatusEntry,
} from '../../../../shared/sync/statusLog';
import { resolveTags, tagNameKey, type TagNode } from '../../../../shared/sync/tagGraph';

describe('status log', () => {
  it('a change made after seeing another wins even with an earlier clock', () => {
    const a = changeEntry([], 'unverified', { id: 'a', at: 2_000, by: 'ana', to: 'supported' });
    const b = changeEntry([a], 'unverified', { id: 'b', at: 1_000, by: 'ben', to: 'disputed' });
    expect(b).toMatchObject({ from: 'supported', seen: ['a'] });
    expect(statusHeads([a, b]).map((e) => e.id)).toEqual(['b']);
    expect(currentStatus([a, b], 'unverified')).toBe('disputed');
    expect(concurrentChanges([a, b])).toBeNull();
  });

  it('concurrent changes are both kept; the latest by (time, author) is current until someone confirms', () => {
    const a = changeEntry([], 'unverified', { id: 'a', at: 1_000, by: 'ana', to: 'supported' });
    const b = changeEntry([], 'unverified', { id: 'b', at: 1_000, by: 'ben', to: 'false' });
    const log = [b, a];
    expect(currentStatus(log, 'unverified')).toBe('false'); // same time: "ben" > "ana"
    expect(concurrentChanges(log)?.map((e) => e.by)).toEqual(['ana', 'ben']);
    const c = confirmEntry(log, 'unverified', { id: 'c', at: 900, by: 'cleo' });
    expect(c).toMatchObject({ from: 'false', to: 'false', confirms: true });
    expect(c.seen.sort()).toEqual(['a', 'b']);
    expect(concurrentChanges([...log, c])).toBeNull();
    expect(currentStatus([...log, c], 'unverified')).toBe('false');
    expect(toStatusChanges([...log, c])).toEqual([
      { at: 1_000, from: 'unverified', to: 'supported' },
      { at: 1_000, from: 'unverified', to: 'false' },
    ]);
  });

  it('concurrent changes to the same status are not a conflict', () => {
    const a = changeEntry([], 'unverified', { id: 'a', at: 1, by: 'ana', to: 'supported' });
    const b = changeEntry([], 'unverified', { id: 'b', at: 2, by: 'ben', to: 'supported' });
    expect(concurrentChanges([a, b])).toBeNull();
  });

  it('an empty log has its initial status', () => {
    const none: StatusEntry[] = [];
    expect(currentStatus(none, 'inconclusive')).toBe('inconclusive');
  });
});

function tag(id: string, name: string, createdAt = 0, deleted = false): TagNode {
  return { id, name, createdAt, deleted };
}

describe('tag resolution', () => {
  it('follows merges, and a rename changes nothing else', () => {
    const { canonical, live } = resolveTags([tag('a', 'fraud'), tag('b', 'money'), tag('c', 'bribes')], [{ from: 'a', into: 'b' }, { from: 'b', into: 'c' }]);
    expect([...canonical]).toEqual([['a', ['c']], ['b', ['c']], ['c', ['c']]]);
    expect([...live]).toEqual(['c']);
  });

  it('stops a cycle of merges at its smallest ID', () => {
    const { canonical } = resolveTags([tag('x', 'one'), tag('m', 'two'), tag('q', 'three'), tag('z', 'four')], [{ from: 'x', into: 'm' }, { from: 'm', into: 'q' }, { from: 'q', into: 'x' }, { from: 'z', into: 'x' }]);
    expect(Object.fromEntries(canonical)).toEqual({ x: ['m'], m: ['m'], q: ['m'], z: ['m'] });
  });

  it('keeps both targets when one tag was merged two ways at once', () => {
    const { canonical, live } = resolveTags([tag('a', 'cargo'), tag('b', 'ports'), tag('c', 'shipping')], [{ from: 'a', into: 'b' }, { from: 'a', into: 'c' }]);
    expect(canonical.get('a')).toEqual(['b', 'c']);
    expect([...live].sort()).toEqual(['b', 'c']);
  });

  it('lets a cycle still lead on to a tag outside it', () => {
    const { canonical } = resolveTags([tag('x', 'one'), tag('m', 'two'), tag('z', 'three')], [{ from: 'x', into: 'm' }, { from: 'm', into: 'x' }, { from: 'm', into: 'z' }]);
    expect(Object.fromEntries(canonical)).toEqual({ x: ['z'], m: ['z'], z: ['z'] });
  });

  it('treats live tags with the same name as one: the first created, then the smaller ID', () => {
    const { canonical, live } = resolveTags([tag('b', 'Weapons / Guns', 5), tag('a', 'weapons/guns', 5), tag('c', 'weapons/GUNS', 9)], []);
    expect(Object.fromEntries(canonical)).toEqual({ a: ['a'], b: ['a'], c: ['a'] });
    expect([...live]).toEqual(['a']);
  });

  it('does not fold a live tag into a deleted one of the same name', () => {
    const { canonical, live } = resolveTags([tag('a', 'fraud', 1, true), tag('b', 'fraud', 2)], []);
    expect(Object.fromEntries(canonical)).toEqual({ a: ['a'], b: ['b'] });
    expect([...live]).toEqual(['b']);
  });

  it('ignores a merge into a tag this device has not received yet', () => {
    expect(Object.fromEntries(resolveTags([tag('a', 'fraud')], [{ from: 'a', into: 'missing' }]).canonical)).toEqual({ a: ['a'] });
  });

  it('never throws on a damaged name', () => {
    expect(tagNameKey('a//b')).not.toBe(tagNameKey('a/b'));
    expect(tagNameKey(' A / b ')).toBe('a/b');
  });
});
