import { describe, expect, it } from 'vitest';
import { cleanClaimant, cleanStatement, findAttribution } from '../../../../shared/suggest/attribution';

describe('findAttribution', () => {
  it.each([
    [
      'The app had 12,500 users, said the national customs agency Nortoll.',
      { claimant: 'Nortoll', statement: 'The app had 12,500 users.' },
    ],
    [
      '“These were professional logistics managers,” said the Kessel harbour police in a statement.',
      { claimant: 'Kessel harbour police', statement: 'These were professional logistics managers.' },
    ],
    ['“We found nothing at all,” Okonjo said.', { claimant: 'Okonjo', statement: 'We found nothing at all.' }],
    [
      'Its head of enforcement, Dara Okonjo, said: “We have taken the network apart.”',
      { claimant: 'Dara Okonjo, head of enforcement', statement: 'We have taken the network apart.' },
    ],
    [
      'Officials in Norland said on Tuesday that the seizures had cut the flow by 40 per cent.',
      { claimant: 'Officials in Norland', statement: 'The seizures had cut the flow by 40 per cent.' },
    ],
    [
      'According to the port authority, scanning capacity will double by next spring.',
      { claimant: 'Port authority', statement: 'Scanning capacity will double by next spring.' },
    ],
    [
      'The ring used 300 phones, according to prosecutors in Kessel.',
      { claimant: 'Prosecutors in Kessel', statement: 'The ring used 300 phones.' },
    ],
    [
      'The chief inspector told reporters the raids would continue for weeks.',
      { claimant: 'Chief inspector', statement: 'The raids would continue for weeks.' },
    ],
    ['Each handset cost €2,400, prosecutors said.', { claimant: 'Prosecutors', statement: 'Each handset cost €2,400.' }],
  ])('%s', (sentence, expected) => {
    expect(findAttribution(sentence)).toEqual(expected);
  });

  it('keeps the statement but names no claimant when the speaker is a pronoun', () => {
    expect(findAttribution('“The raids will go on for months,” she said.')).toEqual({ statement: 'The raids will go on for months.' });
  });

  it.each([
    'Residents near the port described hearing helicopters overhead.',
    'The operators of the system realised it had been cracked.',
    'The man who said he was innocent has been charged.',
  ])('finds no attribution in %j', (sentence) => {
    expect(findAttribution(sentence)).toBeUndefined();
  });
});

describe('cleanClaimant', () => {
  it.each([
    ['the European police body Europol', 'Europol'],
    ['the UK’s National Crime Agency in a statement', 'UK’s National Crime Agency'],
    ['Border officials at Port Velden', 'Border officials at Port Velden'],
    ['the head of Europol', 'Head of Europol'],
    ['Mara Lindqvist, head of the directorate’s maritime unit', 'Mara Lindqvist, head of the directorate’s maritime unit'],
    ['police on Friday', 'Police'],
  ])('%j → %j', (raw, expected) => {
    expect(cleanClaimant(raw)).toBe(expected);
  });

  it('drops pronouns', () => {
    expect(cleanClaimant('they')).toBeUndefined();
  });
});

describe('cleanStatement', () => {
  it('unwraps a quoted clause and ends it with a full stop', () => {
    expect(cleanStatement('“the sole use was planning')).toBe('The sole use was planning.');
    expect(cleanStatement('“We are done. Nothing is left.”')).toBe('We are done. Nothing is left.');
    expect(cleanStatement('the flow fell,')).toBe('The flow fell.');
  });

  it('leaves inner quotations alone', () => {
    expect(cleanStatement('networks will be disrupted for “years to come”.')).toBe('Networks will be disrupted for “years to come”.');
  });
});
