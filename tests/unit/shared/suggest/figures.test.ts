import { describe, expect, it } from 'vitest';
import { findFacts, type FactKind } from '../../../../shared/suggest/figures';

function facts(sentence: string): [FactKind, string][] {
  return findFacts(sentence).map((fact) => [fact.kind, sentence.slice(fact.start, fact.end)]);
}

describe('findFacts', () => {
  it.each<[string, [FactKind, string][]]>([
    ['Police arrested 746 people.', [['figure', '746']]],
    ['They held more than 100 suspects.', [['figure', 'more than 100']]],
    ['The app had 60,000 users.', [['figure', '60,000']]],
    ['They shut 19 drugs laboratories and took 77 guns.', [['figure', '19'], ['figure', '77']]],
    ['Hundreds of officers took part.', [['figure', 'Hundreds of']]],
    ['Agents searched three provinces.', [['figure', 'three']]],
    ['They seized £54 million (Dh248m) in cash.', [['money', '£54 million'], ['money', 'Dh248m']]],
    ['Phones sold for €1,000 each, or €1,500, with $4.5bn at stake.', [['money', '€1,000'], ['money', '€1,500'], ['money', '$4.5bn']]],
    ['It cost about 300 euros.', [['money', 'about 300 euros']]],
    ['Turnout fell 12.5% and then 3 per cent.', [['percentage', '12.5%'], ['percentage', '3 per cent']]],
    ['They found two tonnes of drugs.', [['quantity', 'two tonnes']]],
    ['Agents found about eight tonnes of cocaine.', [['quantity', 'about eight tonnes']]],
    ['The load weighed 3.2 tonnes and 600 kilograms.', [['quantity', '3.2 tonnes'], ['quantity', '600 kilograms']]],
    ['It was cracked on June 13.', [['date', 'June 13']]],
    ['It began on 13 June 2020.', [['date', '13 June 2020']]],
    ['Police broke in two months ago.', [['date', 'two months ago']]],
    ['The court sits on Tuesday.', [['date', 'Tuesday']]],
    ['The law changed in 2019.', [['date', '2019']]],
  ])('%s', (sentence, expected) => {
    expect(facts(sentence)).toEqual(expected);
  });

  it('finds quotations of three words or more, but not scare quotes', () => {
    expect(facts('They called themselves “untouchable” in chats.')).toEqual([]);
    expect(facts('He said “we will prosecute them” today.')).toEqual([
      ['quote', '“we will prosecute them”'],
      ['date', 'today'],
    ]);
  });

  it.each(['Beta V.1.0 - Powered by automated translation', 'One of the guns was seized.', 'You may march on.', 'Residents heard helicopters.'])(
    'finds nothing checkable in %j',
    (sentence) => {
      expect(findFacts(sentence)).toEqual([]);
    },
  );
});
