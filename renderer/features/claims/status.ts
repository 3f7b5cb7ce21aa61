import type { ClaimStatus, Stance } from '../../../shared/domain/types';

export const STATUS_LABEL: Record<ClaimStatus, string> = {
  unverified: 'Unverified',
  supported: 'Supported',
  disputed: 'Disputed',
  false: 'False',
  inconclusive: 'Inconclusive',
};

export const STANCE_LABEL: Record<Stance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' };
