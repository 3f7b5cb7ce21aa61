import type { CslDate, CslName, SourceMetadata } from '../../shared/domain/types';

/** "Nikki Holland", "National Crime Agency": a CSL name as a reader would write it. */
export function formatName(name: CslName): string {
  return name.literal ?? [name.given, name.family].filter(Boolean).join(' ');
}

export function formatNames(names: CslName[] | undefined): string {
  const list = (names ?? []).map(formatName).filter(Boolean);
  if (list.length <= 2) return list.join(' and ');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "13 June 2020", "June 2020", "2020", or the raw string when there are no date parts. */
export function formatDate(date: CslDate | undefined): string {
  const parts = date?.['date-parts']?.[0];
  if (!parts) return date?.raw ?? '';
  const [year, month, day] = parts;
  const monthName = month ? MONTHS[month - 1] : undefined;
  return [day && monthName ? day : undefined, monthName, year].filter((p) => p !== undefined).join(' ');
}

/** One line under the title: author · publication · date. */
export function byline(meta: SourceMetadata): string {
  return [formatNames(meta.author), meta['container-title'] ?? meta.publisher, formatDate(meta.issued)].filter(Boolean).join(' · ');
}
