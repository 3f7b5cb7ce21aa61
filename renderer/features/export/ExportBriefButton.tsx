import { useTranslation } from '../../i18n';
import { useCommandService } from '../../lib/commands';

/**
 * "Export brief": runs the Export brief command for the note open in the brief pane, as the desktop
 * menu's Export brief… (Ctrl/Cmd+E) and the palette do. The dialog is this feature's overlay.
 */
export function ExportBriefButton({ noteId }: { noteId: string | undefined }) {
  const { t } = useTranslation();
  const commands = useCommandService();
  return (
    <button type="button" className="small" aria-haspopup="dialog" disabled={!noteId} onClick={() => void commands.run('export-brief')}>
      {t('commands.export-brief')}
    </button>
  );
}
