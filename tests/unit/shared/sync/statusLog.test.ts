import { describe, expect, it } from 'vitest';
import {
  changeEntry,
  concurrentChanges,
  concurrentStatusMarker,
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

  it('the marker names the others who changed it at the same time, and goes once someone confirms or changes it after seeing both', () => {
    // Ben was offline: neither had seen the other's change, so both list no heads as seen.
    const a = changeEntry([], 'unverified', { id: 'a', at: 2_000, by: 'ana', to: 'disputed' });
    const b = changeEntry([], 'unverified', { id: 'b', at: 1_000, by: 'ben', to: 'supported' });
    const log = [a, b];
    expect(concurrentStatusMarker(log, 'ana')).toEqual({ changes: [b, a], others: ['ben'] });
    expect(concurrentStatusMarker(log, 'ben')).toEqual({ changes: [b, a], others: ['ana'] });
    // Someone who made neither change is told both names.
    expect(concurrentStatusMarker(log, 'cleo')?.others).toEqual(['ben', 'ana']);
    // The status shown is the later change; confirming it ends the marker for everyone.
    expect(currentStatus(log, 'unverified')).toBe('disputed');
    const confirmed = [...log, confirmEntry(log, 'unverified', { id: 'c', at: 3_000, by: 'ben' })];
    expect(concurrentStatusMarker(confirmed, 'ana')).toBeNull();
    expect(currentStatus(confirmed, 'unverified')).toBe('disputed');
    // So does a change made after seeing both.
    const changed = [...log, changeEntry(log, 'unverified', { id: 'd', at: 3_000, by: 'cleo', to: 'false' })];
    expect(concurrentStatusMarker(changed, 'ana')).toBeNull();
    // A change made after seeing only one of them is concurrent with the other still.
    const partial = [a, b, changeEntry([a], 'unverified', { id: 'e', at: 4_000, by: 'ana', to: 'false' })];
    expect(concurrentStatusMarker(partial, 'ana')).toEqual({ changes: [b, partial[2]], others: ['ben'] });
  });

  it('no marker for successive changes, nor for a log of one', () => {
    const a = changeEntry([], 'unverified', { id: 'a', at: 1, by: 'ana', to: 'supported' });
    const b = changeEntry([a], 'unverified', { id: 'b', at: 2, by: 'ben', to: 'false' });
    expect(concurrentStatusMarker([a], 'ben')).toBeNull();
    expect(concurrentStatusMarker([a, b], 'ana')).toBeNull();
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
