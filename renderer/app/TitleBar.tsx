import { useTranslation } from '../i18n';
import { useCommandService } from '../lib/commands';
import { useContextKeys } from '../lib/contextKeys';
import { Icon } from '../lib/icons';
import { ariaKeyShortcut, formatAccelerator } from '../lib/keybindings';
import { MenuButton, type MenuEntry } from '../lib/MenuButton';
import { effectiveTheme, useAppearance } from '../lib/settings';
import { useWorkspace } from '../lib/commands';
import { YourName } from '../features/identity/YourName';
import { Trash } from '../features/trash/Trash';

/**
 * The title bar: the app, the open case and its Case menu (the commands contributed to it: export and
 * import of cases and annotations, restore from backup), the dark-mode toggle and Settings.
 */
export function TitleBar({ caseId, caseName }: { caseId: string | null; caseName: string | null }) {
  const workspace = useWorkspace();
  const { t } = useTranslation();
  const commands = useCommandService();
  const keys = useContextKeys();
  const { theme } = useAppearance();
  const dark = effectiveTheme(theme) === 'dark';

  const entries: MenuEntry[] = commands
    .list(keys)
    .filter((view) => view.command.menu?.menu === 'case')
    .sort((a, b) => a.command.menu!.group - b.command.menu!.group || a.command.menu!.order - b.command.menu!.order)
    .map((view) => ({
      id: view.command.id,
      label: t(view.command.title),
      disabled: !view.enabled,
      group: view.command.menu!.group,
      ...(view.accelerator ? { shortcut: formatAccelerator(view.accelerator), ariaShortcut: ariaKeyShortcut(view.accelerator) } : {}),
      onSelect: () => void commands.run(view.command.id),
    }));

  return (
    <header className="topbar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Casefile
      </span>
      {caseName && <span className="topbar-case">{caseName}</span>}
      <MenuButton label={t('app.caseMenu')} entries={entries} className="small menu-trigger">
        {t('app.caseMenu')}
        <Icon name="chevron" size={14} />
      </MenuButton>
      <span className="topbar-actions">
        {caseId && caseName !== null && <Trash caseId={caseId} caseName={caseName} onOpenCase={(id) => void workspace.openCase(id)} />}
        <YourName />
        <button type="button" className="icon" aria-pressed={dark} aria-label={t('app.darkMode')} title={t('app.darkMode')} onClick={() => void commands.run('toggle-theme')}>
          <Icon name={dark ? 'moon' : 'sun'} />
        </button>
        <button type="button" className="icon" aria-label={t('app.settings')} title={t('app.settings')} aria-haspopup="dialog" onClick={() => void commands.run('settings')}>
          <Icon name="sliders" />
        </button>
      </span>
    </header>
  );
}
