import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceSummary } from '../../../../shared/claims/claims';
import { i18n } from '../../../../renderer/i18n';
import { evidenceSummaryLabel } from '../../../../renderer/lib/claimLabels';

const none: EvidenceSummary = { supports: 0, contradicts: 0, context: 0, sources: 0, independentSources: 0, missing: 0 };

describe('evidenceSummaryLabel', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('leaves zero counts out and names the sources', () => {
    expect(evidenceSummaryLabel({ ...none, supports: 2, contradicts: 1, sources: 2, independentSources: 1 })).toBe('2 support · 1 contradicts · 2 sources');
    expect(evidenceSummaryLabel({ ...none, context: 1, sources: 1, missing: 1 })).toBe('1 context · 1 source · 1 passage missing');
    expect(evidenceSummaryLabel({ ...none, supports: 3, sources: 3, independentSources: 3 })).toBe('3 support · 3 sources');
  });

  it('says when there is no evidence, and what went missing', () => {
    expect(evidenceSummaryLabel(none)).toBe('No evidence yet');
    expect(evidenceSummaryLabel({ ...none, missing: 2 })).toBe('No evidence yet · 2 passages missing');
  });

  it('speaks the UI language, with its plural forms', async () => {
    await i18n.changeLanguage('es');
    expect(evidenceSummaryLabel({ ...none, supports: 2, contradicts: 1, sources: 2 })).toBe('2 a favor · 1 en contra · 2 fuentes');
    expect(evidenceSummaryLabel({ ...none, context: 1, sources: 1, missing: 1 })).toBe('1 de contexto · 1 fuente · falta 1 pasaje');
    expect(evidenceSummaryLabel({ ...none, missing: 3 })).toBe('Aún sin pruebas · faltan 3 pasajes');
  });
});
