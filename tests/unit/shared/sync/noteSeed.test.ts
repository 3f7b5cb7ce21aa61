import { describe, expect, it } from 'vitest';
import { seedsNote, type NoteSeedFacts } from '../../../../shared/sync/noteSeed';

const members = new Set(['ann', 'ben']);
const facts = (patch: Partial<NoteSeedFacts>): NoteSeedFacts => ({ me: 'ann', noteAuthor: 'ann', sharedHere: true, members, readOnly: false, ...patch });

describe('seedsNote', () => {
  it('lets the note’s author seed it, whoever shared the case', () => {
    expect(seedsNote(facts({}))).toBe(true);
    expect(seedsNote(facts({ me: 'ben', noteAuthor: 'ben', sharedHere: false }))).toBe(true);
  });

  it('never lets two members seed the same note', () => {
    const devices = [
      { me: 'ann', sharedHere: true },
      { me: 'ben', sharedHere: false },
      { me: 'cat', sharedHere: false },
    ];
    for (const noteAuthor of ['ann', 'ben', 'zed', undefined]) {
      const seeders = devices.filter((d) => seedsNote({ ...d, noteAuthor, members: new Set(['ann', 'ben', 'cat']), readOnly: false }));
      expect(seeders, `note by ${noteAuthor}`).toHaveLength(1);
    }
  });

  it('gives a note whose author is not a member (or unknown) to the member who shared the case', () => {
    expect(seedsNote(facts({ noteAuthor: 'zed' }))).toBe(true);
    expect(seedsNote(facts({ noteAuthor: undefined }))).toBe(true);
    expect(seedsNote(facts({ me: 'ben', noteAuthor: 'zed', sharedHere: false }))).toBe(false);
  });

  it('never lets a member who joined seed another member’s note', () => {
    expect(seedsNote(facts({ me: 'ben', sharedHere: false }))).toBe(false);
  });

  it('never lets a read-only member seed, even their own note', () => {
    expect(seedsNote(facts({ readOnly: true }))).toBe(false);
  });
});
