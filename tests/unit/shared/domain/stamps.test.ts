import { describe, expect, it } from 'vitest';
import { lastChange } from '../../../../shared/domain/stamps';

describe('lastChange', () => {
  it('is the creator and the creation time until a record changes, then its last writer', () => {
    expect(lastChange({ createdBy: 'ada', createdAt: 5 })).toEqual({ by: 'ada', at: 5 });
    expect(lastChange({ createdBy: 'ada', importedAt: 7 })).toEqual({ by: 'ada', at: 7 });
    expect(lastChange({ createdBy: 'ada', createdAt: 5, updatedBy: 'ben', changedAt: 9 })).toEqual({ by: 'ben', at: 9 });
    expect(lastChange({ createdAt: 5 })).toEqual({ by: undefined, at: 5 });
  });
});
