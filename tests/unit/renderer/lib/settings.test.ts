// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { effectiveTheme, setAppearance, stepZoom, toggleTheme, ZOOM_LEVELS } from '../../../../renderer/lib/settings';

describe('appearance settings', () => {
  it('steps the zoom through its levels and stops at both ends', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1.1, -1)).toBe(1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(ZOOM_LEVELS[ZOOM_LEVELS.length - 1]!, 1)).toBe(2);
    expect(stepZoom(ZOOM_LEVELS[0], -1)).toBe(0.67);
  });

  it('puts the theme and zoom on <html>, keeps them, and ignores what it does not know', () => {
    expect(effectiveTheme('system')).toBe('light'); // no dark preference reported
    setAppearance({ zoom: 1.25 });
    expect(document.documentElement.style.getPropertyValue('--ui-zoom')).toBe('1.25');
    expect(toggleTheme()).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(JSON.parse(localStorage.getItem('casefile.appearance') ?? '{}')).toEqual({ theme: 'dark', zoom: 1.25 });
    setAppearance({ zoom: 1, theme: 'system' });
    expect(document.documentElement.style.getPropertyValue('--ui-zoom')).toBe('');
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('reads back only what it knows: an unknown theme or zoom falls back to the defaults', async () => {
    localStorage.setItem('casefile.appearance', JSON.stringify({ theme: 'sepia', zoom: 7 }));
    vi.resetModules();
    const fresh = await import('../../../../renderer/lib/settings');
    expect(fresh.appearance()).toEqual({ theme: 'system', zoom: 1 });
    localStorage.setItem('casefile.appearance', JSON.stringify({ theme: 'dark', zoom: 1.5 }));
    vi.resetModules();
    expect((await import('../../../../renderer/lib/settings')).appearance()).toEqual({ theme: 'dark', zoom: 1.5 });
  });
});
