/**
 * A team case joined with a read-only invitation can be read, searched and exported, not changed. The
 * sync feature publishes that as the `readOnly` context key; commands that change the case require the
 * `editable` condition, and controls that change it use this hook to disable themselves with the reason
 * as their tooltip. The database refuses such writes anyway (renderer/db/caseLocks.ts), so a control
 * this misses still cannot make the copy drift.
 */
import { useTranslation } from '../i18n';
import { useContextKeys } from './contextKeys';

export interface ReadOnlyState {
  readOnly: boolean;
  /** Why changing is off ("This case is shared with you read-only…"), for a tooltip or a message; undefined when it is on. */
  reason: string | undefined;
}

/** Whether the open case may only be read here, and why. */
export function useCaseReadOnly(): ReadOnlyState {
  const { t } = useTranslation();
  const { readOnly } = useContextKeys();
  return { readOnly, reason: readOnly ? t('sync.readOnlyRefused') : undefined };
}
