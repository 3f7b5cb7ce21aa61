import { useMemo, useState } from 'react';
import { STANCES, type ClaimRecord, type PassageRecord, type SourceRecord, type Stance } from '../../../shared/domain/types';
import { addClaimEvidence } from '../../db/repositories/claims';
import { failureText, useTranslation } from '../../i18n';
import { OptionSelect } from '../../lib/OptionSelect';
import { locatorLabel, shortQuote } from '../passages/labels';
import { STANCE_LABEL } from '../../lib/claimLabels';

/** How many matches the picker lists at once; the rest are reached by refining the search. */
const SHOWN = 12;

export interface EvidencePickerProps {
  claim: ClaimRecord;
  passages: readonly PassageRecord[];
  sources: readonly SourceRecord[];
  /** Called with a message for the user after each attempt (added, already there, or refused). */
  onResult(message: string, ok: boolean): void;
}

/** Lower-case and strip accents, so "Lindqvist" finds "lindqvist" and "cafe" finds "café". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * "Add evidence": a searchable list of every passage in the case, from any
 * source, that is not yet evidence for the claim. Cross-source evidence is
 * the point: a claim is checked against what other sources say.
 */
export function EvidencePicker({ claim, passages, sources, onResult }: EvidencePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [stance, setStance] = useState<Stance>('supports');
  const [busy, setBusy] = useState(false);

  const titles = useMemo(() => new Map(sources.map((s) => [s.id, s.metadata.title])), [sources]);
  const matches = useMemo(() => {
    const attached = new Set(claim.evidence.map((e) => e.passageId));
    const words = fold(query).split(/\s+/u).filter(Boolean);
    return passages.filter((p) => {
      if (attached.has(p.id) || (sourceId && p.sourceId !== sourceId)) return false;
      const haystack = fold(`${p.selectors[0].exact} ${p.comment} ${titles.get(p.sourceId) ?? ''}`);
      return words.every((w) => haystack.includes(w));
    });
  }, [claim.evidence, passages, query, sourceId, titles]);

  const add = async (passage: PassageRecord) => {
    setBusy(true);
    try {
      const added = await addClaimEvidence(claim.id, passage.id, stance);
      onResult(added ? t(`evidencePicker.added.${stance}`) : t('evidencePicker.already'), true);
    } catch (e) {
      onResult(failureText(e), false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="evidence-picker">
      <div className="evidence-picker-filters">
        <label className="claims-field grow">
          {t('evidencePicker.find')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('evidencePicker.findPlaceholder')} />
        </label>
        <label className="claims-field">
          {t('evidencePicker.fromSource')}
          <select value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
            <option value="">{t('evidencePicker.allSources')}</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.metadata.title}
              </option>
            ))}
          </select>
        </label>
        <label className="claims-field">
          {t('evidencePicker.addAs')}
          <OptionSelect value={stance} options={STANCES} labels={STANCE_LABEL} onValue={(v) => v && setStance(v)} />
        </label>
      </div>
      {matches.length === 0 ? (
        <p className="muted small">
          {passages.length === 0 ? t('evidencePicker.noPassages') : t('evidencePicker.noMatch')}
        </p>
      ) : (
        <>
          <ul className="evidence-candidates" aria-label={t('evidencePicker.list')}>
            {matches.slice(0, SHOWN).map((p) => (
              <li key={p.id}>
                <button type="button" disabled={busy} onClick={() => void add(p)} aria-label={t('evidencePicker.addLabel', { stance: STANCE_LABEL[stance].toLocaleLowerCase(), quote: shortQuote(p.selectors[0].exact, 80) })}>
                  <span className="evidence-candidate-quote" dir="auto">“{shortQuote(p.selectors[0].exact, 160)}”</span>
                  <span className="item-sub">
                    {titles.get(p.sourceId) ?? t('evidencePicker.unknownSource')} · {locatorLabel(p.locator)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {matches.length > SHOWN && (
            <p className="muted small">
              {t('evidencePicker.showing', { shown: SHOWN, count: matches.length })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
