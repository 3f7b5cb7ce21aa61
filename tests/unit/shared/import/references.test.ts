/**
 * Reference import (issue 14, acceptance 5): team-written CSL-JSON, BibTeX
 * and RIS exports, parsed by citation-js, matched to sources by DOI, web
 * address or title, with PDF attachments read from the file fields.
 */
import { describe, expect, it } from 'vitest';
import { detectReferenceFormat, matchReference, mergeReferenceMetadata, normaliseDoi, parseReferences, ReferenceImportError } from '../../../../shared/import/references';
import { fixtureText, sourceFrom } from '../viewsFixtures';

describe('reference files from a reference manager', () => {
  it('reads CSL-JSON', () => {
    const refs = parseReferences(fixtureText('references.json'), 'references.json');
    expect(refs.map((r) => r.key)).toEqual(['brauer_ferry_2024', 'msb_interim_2024']);
    expect(refs[0]!.metadata).toEqual({
      type: 'article-newspaper',
      title: 'Ferry operator faces inquiry after engine fire',
      'container-title': 'Harbour Ledger',
      author: [{ family: 'Brauer', given: 'Lena' }],
      issued: { 'date-parts': [[2024, 3, 15]] },
      URL: 'https://ledger.example/2024/03/15/solstice-inquiry',
      language: 'en-GB',
    });
    expect(refs[1]!.metadata).toMatchObject({ type: 'report', DOI: '10.5555/msb.2024.017', author: [{ literal: 'Maritime Safety Board' }] });
  });

  it('reads BibTeX with its Zotero file field', () => {
    const refs = parseReferences(fixtureText('references.bib'), 'references.bib');
    expect(refs[0]!.metadata).toMatchObject({
      title: 'Customs raid at Port Velden leads to three arrests',
      author: [{ family: 'Okonkwo', given: 'Daniel' }, { family: 'Sørensen', given: 'Ines' }],
      issued: { 'date-parts': [[2024, 3, 18]] },
      URL: 'https://ledger.example/2024/03/18/velden-raid',
    });
    expect(refs[1]!.attachments).toEqual([{ path: 'files/17/Maritime Safety Board - 2024 - Solstice engine-room fire interim note.pdf', fileName: 'Maritime Safety Board - 2024 - Solstice engine-room fire interim note.pdf', mediaType: 'application/pdf' }]);
    expect(refs[1]!.metadata.DOI).toBe('10.5555/msb.2024.017');
  });

  it('reads RIS (CRLF line ends) with its L1 attachment', () => {
    const refs = parseReferences(fixtureText('references.ris'), 'references.ris');
    expect(refs.map((r) => r.metadata.title)).toEqual(['Rotterdam link in port container case', 'Solstice engine-room fire: interim note']);
    expect(refs[0]!.metadata).toMatchObject({ 'container-title': 'Noordzee Courant', author: [{ family: 'de Wit', given: 'Saskia' }], issued: { 'date-parts': [[2024, 3, 20]] }, URL: 'https://courant.example/nieuws/rotterdam-link' });
    expect(refs[1]!.attachments.map((a) => a.fileName)).toEqual(['Maritime Safety Board - 2024 - Solstice engine-room fire interim note.pdf']);
  });

  it('says clearly what is wrong with a file that is not references', () => {
    expect(() => parseReferences('hello', 'notes.txt')).toThrow(/export your references as CSL-JSON/);
    expect(() => parseReferences('[1, 2]', 'x.json')).toThrow(ReferenceImportError);
    expect(() => parseReferences('[]', 'empty.json')).toThrow(/holds no references/);
    expect(detectReferenceFormat('TY  - JOUR\nER  - ')).toBe('ris');
  });

  it('matches sources by DOI, then web address, then title', () => {
    const ferry = sourceFrom('src-ferry', 'ferry-inquiry.md', { title: 'Ferry operator faces inquiry after engine fire' });
    const raid = sourceFrom('src-raid', 'two-source-a.txt', { URL: 'http://www.ledger.example/2024/03/18/velden-raid/' });
    const note = sourceFrom('src-note', 'two-source-b.txt', { title: 'Something else', DOI: 'https://doi.org/10.5555/MSB.2024.017' });
    const sources = [ferry, raid, note];
    const [csl1, csl2] = parseReferences(fixtureText('references.json'));
    const [bib1] = parseReferences(fixtureText('references.bib'));
    expect(matchReference(csl1!, sources)).toEqual({ sourceId: 'src-ferry', by: 'title' });
    expect(matchReference(csl2!, sources)).toEqual({ sourceId: 'src-note', by: 'doi' });
    expect(matchReference(bib1!, sources)).toEqual({ sourceId: 'src-raid', by: 'url' });
    expect(matchReference(csl1!, [ferry, { ...ferry, id: 'twin' }])).toBeNull();
    expect(normaliseDoi('doi:10.1000/ABC.')).toBe('10.1000/abc');
  });

  it('leaves a reference without a title untitled (no words of its own), so it neither matches nor renames a source', () => {
    const [untitled] = parseReferences(JSON.stringify([{ id: 'anon', type: 'report', publisher: 'Port of Velden', DOI: '10.5555/anon' }]), 'anon.json');
    expect(untitled!.metadata).toEqual({ type: 'report', title: '', publisher: 'Port of Velden', DOI: '10.5555/anon' });
    const titled = sourceFrom('src-a', 'a.txt', { title: 'Harbour report' }, 'The harbour report.');
    // A source whose title happens to be the old English default is no special case either way.
    const namedLikeDefault = sourceFrom('src-b', 'b.txt', { title: 'Untitled reference' }, 'Another text.');
    expect(matchReference(untitled!, [titled, namedLikeDefault])).toBeNull();
    expect(mergeReferenceMetadata(titled.metadata, untitled!.metadata)).toMatchObject({ title: 'Harbour report', publisher: 'Port of Velden', DOI: '10.5555/anon' });
    const [named] = parseReferences(JSON.stringify([{ id: 'n', type: 'report', title: 'Untitled reference' }]), 'n.json');
    expect(matchReference(named!, [titled, namedLikeDefault])).toEqual({ sourceId: 'src-b', by: 'title' });
    expect(mergeReferenceMetadata(titled.metadata, named!.metadata).title).toBe('Untitled reference');
  });

  it('fills a source’s metadata, keeping what the reference leaves out', () => {
    const merged = mergeReferenceMetadata({ type: 'document', title: 'ferry-inquiry', URL: 'https://mirror.example/x', language: 'en' }, { type: 'article-newspaper', title: 'Ferry operator faces inquiry', 'container-title': 'Harbour Ledger' });
    expect(merged).toEqual({ type: 'article-newspaper', title: 'Ferry operator faces inquiry', 'container-title': 'Harbour Ledger', URL: 'https://mirror.example/x', language: 'en' });
  });
});
