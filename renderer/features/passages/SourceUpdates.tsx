import { useEffect } from 'react';
import { getSource } from '../../db/repositories';
import { t } from '../../i18n';
import { useNotices } from '../../lib/notices';
import { useUpdateSource } from './UpdateSource';

type Listener = (sourceId: string) => void;
const listeners = new Set<Listener>();

/** Start "Update source…" for a source (the Update source command, from any menu, button or the palette). */
export function requestSourceUpdate(sourceId: string): void {
  for (const listener of [...listeners]) listener(sourceId);
}

/** The passages feature's overlay for Update source…: picks the revised file and shows the preview dialog. */
export function SourceUpdates() {
  const notices = useNotices();
  const { start, dialog } = useUpdateSource();
  useEffect(() => {
    const listener: Listener = (sourceId) =>
      void getSource(sourceId).then((source) =>
        source ? start(source) : notices.error(t('commands.unavailable', { command: t('commands.update-source'), reason: t('commands.condition.sourceOpen') })),
      );
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [notices, start]);
  return dialog;
}
