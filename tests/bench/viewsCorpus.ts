/**
 * The corpus of benchmarks E1 and E2: invented news articles of about 40 KB,
 * each naming people, organisations and places from pools large enough that
 * a case holds hundreds of distinct names, with absolute and relative dates.
 * Deterministic (seeded), so every run reads the same text.
 */
import { prng } from './corpus';

const FIRST = ['Ada', 'Tomas', 'Mara', 'Ines', 'Daniel', 'Lena', 'Oskar', 'Priya', 'Kofi', 'Sofia', 'Jonas', 'Amara', 'Lucas', 'Hana', 'Mateo', 'Yara', 'Emil', 'Nadia', 'Felix', 'Zainab'];
const LAST = ['Okafor', 'Lindqvist', 'Verhoeven', 'Brauer', 'Sorensen', 'Okonkwo', 'Haddad', 'Kowalski', 'Moreau', 'Tanaka', 'Osei', 'Ferreira', 'Novak', 'Rahman', 'Castillo', 'Virtanen', 'Demir', 'Adeyemi', 'Larsen', 'Petrov'];
const ORG_STEMS = ['Northline', 'Harbour', 'Coastal', 'Meridian', 'Vantage', 'Baltic', 'Redfern', 'Kestrel', 'Solway', 'Amberly'];
const ORG_KINDS = ['Ferries', 'Agency', 'Shipping Group', 'Port Authority', 'Customs Directorate', 'Maritime Board', 'Logistics', 'Bank'];
const PLACES = ['Port Velden', 'Karsby', 'Rotterdam', 'Ellery', 'Marsholm', 'Tarnow', 'Lisbon', 'Gdansk', 'Aarhus', 'Valletta', 'Brindisi', 'Kiel', 'Riga', 'Split', 'Malmo', 'Bilbao'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const VERBS = ['said', 'confirmed', 'denied', 'told reporters', 'wrote in a statement', 'added'];
const RELATIVE = ['Last Tuesday', 'Yesterday', 'Two months earlier', 'Three days later', 'Last week', 'On Friday'];

export interface ViewsSource {
  title: string;
  text: string;
}

/** `count` articles of about `bytes` characters each. */
export function viewsCorpus(count = 50, bytes = 40_000, seed = 14): ViewsSource[] {
  const rng = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const org = () => `${pick(ORG_STEMS)} ${pick(ORG_KINDS)}`;
  const date = () => `${1 + Math.floor(rng() * 28)} ${pick(MONTHS)} ${2015 + Math.floor(rng() * 10)}`;
  const sentence = () => {
    switch (Math.floor(rng() * 6)) {
      case 0:
        return `${person()}, a spokesperson for the ${org()}, ${pick(VERBS)} that the inspection in ${pick(PLACES)} had been planned since ${date()}.`;
      case 1:
        return `On ${date()} the ${org()} moved ${100 + Math.floor(rng() * 900)} containers through ${pick(PLACES)}, according to records seen by the paper.`;
      case 2:
        return `${pick(RELATIVE)} ${person()} met officials of the ${org()} in ${pick(PLACES)} to discuss the contract.`;
      case 3:
        return `The ship left ${pick(PLACES)} in ${pick(MONTHS)} ${2015 + Math.floor(rng() * 10)} and reached ${pick(PLACES)} a week later.`;
      case 4:
        return `Critics of the plan, including ${person()}, ${pick(VERBS)} that the costs had doubled since ${2010 + Math.floor(rng() * 12)}.`;
      default:
        return `The figures could not be checked independently, and the company did not answer questions about the route.`;
    }
  };
  const out: ViewsSource[] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs: string[] = [];
    let size = 0;
    while (size < bytes) {
      const paragraph = Array.from({ length: 4 }, sentence).join(' ');
      paragraphs.push(paragraph);
      size += paragraph.length + 2;
    }
    out.push({ title: `Container traffic report ${i + 1}`, text: `Container traffic report ${i + 1}\n\n${paragraphs.join('\n\n')}`.slice(0, bytes) });
  }
  return out;
}
