// @vitest-environment jsdom
/**
 * The browser build opens links with the same rule as the desktop app: http(s), and
 * mailto rebuilt with only subject, body, cc and bcc.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebPlatform } from '../../../../renderer/platform/web';

afterEach(() => vi.restoreAllMocks());

describe('openExternal in the browser build', () => {
  it('opens http(s) and a cleaned mailto, and nothing else', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const platform = createWebPlatform(document);
    platform.openExternal('https://news.example/story');
    platform.openExternal('mailto:desk@example.org?attach=/home/user/.ssh/id_rsa&subject=Tip');
    platform.openExternal('file:///etc/passwd');
    platform.openExternal('javascript:alert(1)');
    expect(open.mock.calls.map((call) => call[0])).toEqual(['https://news.example/story', 'mailto:desk@example.org?subject=Tip']);
  });
});
