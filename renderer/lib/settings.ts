/**
 * Appearance settings of this device: the colour theme (follow the system, light or dark) and the UI
 * zoom. Kept in localStorage, not in the case database: they are not part of anyone's data, must apply
 * before the first paint (no flash of the wrong theme), and will never be synced to other people.
 */
import { useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/** Zoom steps, as browsers offer them. */
export const ZOOM_LEVELS = [0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;

export interface Appearance {
  theme: ThemePreference;
  zoom: number;
}

const KEY = 'casefile.appearance';
const DEFAULTS: Appearance = { theme: 'system', zoom: 1 };

function read(): Appearance {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Appearance> | null;
    const theme = raw?.theme === 'light' || raw?.theme === 'dark' ? raw.theme : 'system';
    const zoom = typeof raw?.zoom === 'number' && (ZOOM_LEVELS as readonly number[]).includes(raw.zoom) ? raw.zoom : 1;
    return { theme, zoom };
  } catch {
    return DEFAULTS;
  }
}

let current: Appearance = typeof localStorage === 'undefined' ? DEFAULTS : read();
const listeners = new Set<() => void>();

const darkQuery = typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)');

/** The theme shown now: the preference, or the system's when it is "system". */
export function effectiveTheme(preference: ThemePreference = current.theme): Theme {
  if (preference !== 'system') return preference;
  return darkQuery?.matches ? 'dark' : 'light';
}

/**
 * Put the theme and zoom on <html>: `data-theme` drives the colour variables; `--ui-zoom` scales the root
 * font size, and with it every size in rem (text, spacing, the sidebar, the panes). Not CSS `zoom`: that
 * would make element coordinates (selection rectangles, pointer positions) disagree with the lengths
 * the reader and the editor position their toolbars and cards with.
 */
export function applyAppearance(doc: Document = document): void {
  const root = doc.documentElement;
  root.dataset.theme = effectiveTheme();
  root.style.colorScheme = effectiveTheme();
  if (current.zoom === 1) root.style.removeProperty('--ui-zoom');
  else root.style.setProperty('--ui-zoom', String(current.zoom));
}

export function appearance(): Appearance {
  return current;
}

export function setAppearance(patch: Partial<Appearance>): void {
  current = { ...current, ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Storage refused (private mode): the setting lasts until the page closes.
  }
  applyAppearance();
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// A system switch between light and dark shows at once when the theme follows the system.
darkQuery?.addEventListener('change', () => {
  if (current.theme !== 'system') return;
  current = { ...current }; // a new snapshot, so subscribers that show the effective theme re-render
  applyAppearance();
  for (const listener of [...listeners]) listener();
});

export function useAppearance(): Appearance {
  return useSyncExternalStore(subscribe, appearance);
}

/** The next zoom step in `direction` (+1 larger, −1 smaller), staying within the steps. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_LEVELS.find((level) => level > zoom + 1e-9) ?? ZOOM_LEVELS[ZOOM_LEVELS.length - 1]!;
  return [...ZOOM_LEVELS].reverse().find((level) => level < zoom - 1e-9) ?? ZOOM_LEVELS[0];
}

/** Switch between light and dark, from whatever shows now (an explicit choice from then on). */
export function toggleTheme(): Theme {
  const next: Theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
  setAppearance({ theme: next });
  return next;
}
