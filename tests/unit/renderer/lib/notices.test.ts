import { describe, expect, it } from 'vitest';
import { runToastAction } from '../../../../renderer/lib/notices';

describe('runToastAction', () => {
  it('shows why an Undo failed instead of dropping the failure, and stays quiet when it works', async () => {
    const shown: string[] = [];
    await runToastAction(async () => {
      throw new Error('That tag is no longer in the Trash, so it cannot be restored.');
    }, (message) => shown.push(message));
    await runToastAction(() => {
      throw new Error('thrown before any await');
    }, (message) => shown.push(message));
    let ran = false;
    await runToastAction(async () => void (ran = true), (message) => shown.push(message));
    expect(ran).toBe(true);
    expect(shown).toEqual(['That tag is no longer in the Trash, so it cannot be restored.', 'thrown before any await']);
  });
});
