import type { CslDate, CslName, SourceMetadata } from '../../shared/domain/types';
import { t } from '../i18n';

/** "Nikki Holland", "National Crime Agency": a CSL name as a reader would write it. */
export function formatName(name: CslName): string {
  return name.literal ?? [name.given, name.family].filter(Boolean).join(' ');
}

export function formatNames(names: CslName[] | undefined): string {
  const list = (names ?? []).map(formatName).filter(Boolean);
  if (list.length <= 1) return list[0] ?? '';
  return t('reader.names', { list: list.slice(0, -1).join(t('reader.namesSeparator')), last: list[list.length - 1]! });
}

const MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;

/** "13 June 2020", "June 2020", "2020" (in the UI's language), or the raw string when there are no date parts. */
export function formatDate(date: CslDate | undefined): string {
  const parts = date?.['date-parts']?.[0];
  if (!parts) return date?.raw ?? '';
  const [year, month, day] = parts;
  const monthKey = month ? MONTHS[month - 1] : undefined;
  if (year === undefined) return date?.raw ?? '';
  if (!monthKey) return String(year);
  const monthName = t(`reader.month.${monthKey}`);
  return day ? t('reader.date.day', { day, month: monthName, year }) : t('reader.date.month', { month: monthName, year });
}

/** One line under the title: author · publication · date. */
export function byline(meta: SourceMetadata): string {
  return [formatNames(meta.author), meta['container-title'] ?? meta.publisher, formatDate(meta.issued)].filter(Boolean).join(' · ');
}
