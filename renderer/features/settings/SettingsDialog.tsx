import { createPortal } from 'react-dom';
import { LOCALE_NAMES, LOCALES, localePreference, setLocalePreference, systemLocale, useLocale, useTranslation, type LocalePreference } from '../../i18n';
import { DialogFooter } from '../../lib/DialogFooter';
import { setAppearance, stepZoom, useAppearance, ZOOM_LEVELS, type ThemePreference } from '../../lib/settings';
import { useModalDialog } from '../../lib/useModalDialog';
import './settings.css';

const THEMES: ThemePreference[] = ['system', 'light', 'dark'];

/** "Settings": appearance (follow the system, light, dark), language, and zoom. Each choice applies at once and is kept on this device. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  const { theme, zoom } = useAppearance();
  const locale = useLocale();
  const preference = localePreference();
  const percent = Math.round(zoom * 100);

  return createPortal(
    <dialog ref={dialog} className="dialog settings-dialog" aria-labelledby="settings-title" onClose={onClose}>
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <h2 id="settings-title">{t('settings.title')}</h2>
        <fieldset className="format-choices">
          <legend>{t('settings.theme.legend')}</legend>
          {THEMES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => setAppearance({ theme: value })} />
              <span className="choice-title">{t(`settings.theme.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <label>
          {t('settings.language.label')}
          <select value={preference} onChange={(e) => setLocalePreference(e.target.value as LocalePreference)} lang={locale}>
            <option value="system">{t('settings.language.system', { name: LOCALE_NAMES[systemLocale()] })}</option>
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="zoom-setting">
          <legend>{t('settings.zoom.legend')}</legend>
          <button type="button" onClick={() => setAppearance({ zoom: stepZoom(zoom, -1) })} disabled={zoom <= ZOOM_LEVELS[0]} aria-label={t('commands.zoom-out')}>
            −
          </button>
          <output aria-live="polite">{t('settings.zoom.percent', { percent })}</output>
          <button type="button" onClick={() => setAppearance({ zoom: stepZoom(zoom, 1) })} disabled={zoom >= ZOOM_LEVELS[ZOOM_LEVELS.length - 1]!} aria-label={t('commands.zoom-in')}>
            +
          </button>
          <button type="button" onClick={() => setAppearance({ zoom: 1 })} disabled={zoom === 1}>
            {t('commands.zoom-reset')}
          </button>
        </fieldset>
        <p className="muted">{t('settings.help')}</p>
        <DialogFooter cancel={{ label: t('dialog.close'), onClick: () => dialog.current?.close() }} />
      </form>
    </dialog>,
    document.body,
  );
}
