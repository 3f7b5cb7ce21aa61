import { describe, expect, it } from 'vitest';
import { compareDates, dateSpan, findDates, formatDate, parseUserDate, precisionLabel } from '../../../../shared/chronology/dates';

const REF = new Date(Date.UTC(2024, 2, 15, 12)); // Friday 15 March 2024

function found(text: string, dayFirst = false) {
  return findDates(text, { reference: REF, dayFirst }).map((m) => ({ text: m.text, date: m.date, relative: m.relative, at: text.slice(m.start, m.end) }));
}

describe('findDates', () => {
  it('finds absolute dates at their precision, with exact offsets', () => {
    const text = 'On 3 March 2024 police arrested two men. In June 2023 the agency began. The vessel was built in 1998.';
    const dates = found(text);
    expect(dates.map((d) => [d.text, d.date])).toEqual([
      ['3 March 2024', { start: '2024-03-03', precision: 'day' }],
      ['June 2023', { start: '2023-06', precision: 'month' }],
      ['1998', { start: '1998', precision: 'year' }],
    ]);
    for (const d of dates) expect(d.at).toBe(d.text);
    expect(dates.every((d) => !d.relative)).toBe(true);
  });

  it('resolves relative dates against the reference date', () => {
    const dates = found('Yesterday the minister spoke. Last Tuesday the court met. Two months earlier nothing happened. Three days later the ship left.');
    expect(dates.map((d) => [d.text, d.date.start, d.date.precision, d.relative])).toEqual([
      ['Yesterday', '2024-03-14', 'day', true],
      ['Last Tuesday', '2024-03-12', 'day', true],
      ['Two months earlier', '2024-01', 'month', true],
      ['Three days later', '2024-03-18', 'day', true],
    ]);
  });

  it('keeps ranges as ranges', () => {
    expect(found('The trial ran from 4 to 9 February 2024.')[0]?.date).toEqual({ start: '2024-02-04', end: '2024-02-09', precision: 'day' });
    expect(found('refitted between 4 and 19 January 2021')[0]?.date).toEqual({ start: '2021-01-04', end: '2021-01-19', precision: 'day' });
  });

  it('reads numeric dates day first for British sources', () => {
    expect(found('Filed on 05/06/2020.', true)[0]?.date.start).toBe('2020-06-05');
    expect(found('Filed on 05/06/2020.', false)[0]?.date.start).toBe('2020-05-06');
  });

  it('does not join a time and a date across a sentence end, and ignores "now"', () => {
    const dates = found('It is now at 5pm. On Friday, officers said.');
    expect(dates.map((d) => d.text)).toEqual(['Friday']);
  });

  it('finds nothing in text without dates and never throws', () => {
    expect(found('')).toEqual([]);
    expect(found('Room 2019 is at the end of the corridor, said the 1990s poster.')).toEqual([]);
    expect(() => findDates('\u0000'.repeat(50) + '31/31/31', { reference: REF })).not.toThrow();
  });
});

describe('date values', () => {
  it('formats, spans and orders dates of every precision', () => {
    expect(formatDate({ start: '2024-03-05', precision: 'day' })).toBe('5 March 2024');
    expect(formatDate({ start: '2024-03', precision: 'month' })).toBe('March 2024');
    expect(formatDate({ start: '2024', precision: 'year' })).toBe('2024');
    expect(formatDate({ start: '2024-02-04', end: '2024-02-09', precision: 'day' })).toBe('4–9 February 2024');
    expect(precisionLabel({ start: '2024-02-04', end: '2024-02-09', precision: 'day' })).toBe('range');
    const month = dateSpan({ start: '2024-02', precision: 'month' });
    expect(month.to - month.from).toBe(29 * 86_400_000);
    expect(compareDates({ start: '2024', precision: 'year' }, { start: '2024-01-01', precision: 'day' })).toBeGreaterThan(0);
  });

  it('reads what a person types to correct a date, and says what is wrong otherwise', () => {
    expect(parseUserDate('2024-03-05')).toEqual({ start: '2024-03-05', precision: 'day' });
    expect(parseUserDate('2024-02-04/2024-02-09')).toEqual({ start: '2024-02-04', end: '2024-02-09', precision: 'day' });
    expect(parseUserDate('March 2024')).toEqual({ start: '2024-03', precision: 'month' });
    expect(parseUserDate('5 March 2024')).toEqual({ start: '2024-03-05', precision: 'day' });
    expect(parseUserDate('2024-02-30')).toHaveProperty('error');
    expect(parseUserDate('2024-03-09/2024-03-01')).toEqual({ error: 'The range ends (2024-03-01) before it starts (2024-03-09).' });
    expect(parseUserDate('soon-ish')).toHaveProperty('error');
  });
});
