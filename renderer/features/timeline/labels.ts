import { formatDateIn, precisionLabel } from '../../../shared/chronology/dates';
import type { EventStatus } from '../../../shared/chronology/timeline';
import type { EventDate } from '../../../shared/domain/types';
import { currentLocale, t } from '../../i18n';
import { translatedNames } from '../../lib/claimLabels';

/** What the timeline shows in the UI's language: event statuses, precisions and dates. */
export const EVENT_STATUS_LABEL = translatedNames<EventStatus>(['found', 'confirmed', 'corrected', 'manual'], (status) => `timeline.status.${status}`);

/** "5 March 2024" / "5 de marzo de 2024". */
export function eventDateText(date: EventDate): string {
  return formatDateIn(date, currentLocale());
}

/** "day", "month", "year" or "range", in the UI's language. */
export function precisionText(date: EventDate): string {
  return t(`timeline.precision.${precisionLabel(date)}`);
}
