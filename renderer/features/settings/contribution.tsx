/**
 * The settings feature: Settings… (theme, language, zoom), Toggle dark mode, and zoom in / out / actual
 * size (Ctrl/Cmd + = − 0), all remembered on this device (lib/settings.ts, i18n's preference).
 */
import { t } from '../../i18n';
import type { NoticesApi } from '../../lib/notices';
import { defineContribution } from '../../lib/contributions';
import { createDialogSlot } from '../../lib/dialogSlot';
import { appearance, setAppearance, stepZoom, toggleTheme } from '../../lib/settings';
import { SettingsDialog } from './SettingsDialog';

const settingsDialog = createDialogSlot<Record<string, never>>();

function SettingsDialogHost() {
  const open = settingsDialog.useOpen();
  return open ? <SettingsDialog onClose={settingsDialog.close} /> : null;
}

function zoomTo(zoom: number, notices: NoticesApi): void {
  setAppearance({ zoom });
  notices.toast(t('settings.zoom.now', { percent: Math.round(zoom * 100) }));
}

export const settingsContribution = defineContribution({
  id: 'settings',
  commands: [
    { id: 'settings', title: 'commands.settings', run: () => settingsDialog.open({}) },
    {
      id: 'toggle-theme',
      title: 'commands.toggle-theme',
      run: ({ notices }) => notices.toast(toggleTheme() === 'dark' ? t('settings.theme.nowDark') : t('settings.theme.nowLight')),
    },
    { id: 'zoom-in', title: 'commands.zoom-in', keybindings: ['CmdOrCtrl+Plus'], run: ({ notices }) => zoomTo(stepZoom(appearance().zoom, 1), notices) },
    { id: 'zoom-out', title: 'commands.zoom-out', run: ({ notices }) => zoomTo(stepZoom(appearance().zoom, -1), notices) },
    { id: 'zoom-reset', title: 'commands.zoom-reset', run: ({ notices }) => zoomTo(1, notices) },
  ],
  overlays: [SettingsDialogHost],
});
