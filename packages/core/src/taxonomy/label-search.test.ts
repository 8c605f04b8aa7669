import { describe, expect, it } from '@jest/globals';
import { LabelIndex, type Labelled } from './label-search.js';

// Hand-made concepts, each built to tell one ranking rule apart; the real ESCO cases are in
// full-esco.test.ts.
function concept(uri: string, nl: string, en: string, altNl: string[] = [], altEn: string[] = []): Labelled {
  return { uri, labels: { nl, en }, altLabels: { nl: altNl, en: altEn } };
}

const concepts = [
  concept('urn:x:research', 'wetenschappelijk onderzoek verrichten', 'perform scientific research'),
  concept('urn:x:serve', 'eten op tafel serveren', 'serve food in table service'),
  concept('urn:x:pairing', 'etenswaren combineren met wijn', 'match food with wine'),
  concept('urn:x:counsel', 'cliëntgerichte begeleiding', 'client-centred counselling'),
  concept('urn:x:clients', 'cliënten helpen', 'help clients', ['client helpen']),
  concept('urn:x:hygiene', 'hygiëne waarborgen', 'ensure sanitation', [], ['ensure hygiene']),
  concept('urn:x:norms', 'hygiënenormen toepassen', 'apply hygiene standards'),
  concept('urn:x:hair', 'haar wassen', 'wash hair', ['haren wassen']),
  concept('urn:x:alt-exact', 'kapsels verzorgen', 'style hair', ['haar wassen en drogen']),
  concept('urn:x:dogs', 'honden wassen', 'wash dogs'),
  concept('urn:x:team', 'team leiden', 'team lead'),
];
const index = new LabelIndex(() => concepts);
const uris = (query: string, lang?: 'nl' | 'en') =>
  index.search(query, { lang }).hits.map((h) => h.concept.uri);

describe('label search', () => {
  it('matches word starts, never inside a word: "eten" does not find "wetenschappelijk"', () => {
    expect(uris('eten')).toEqual(['urn:x:serve', 'urn:x:pairing']);
    expect(uris('schappelijk')).toEqual([]);
    expect(uris('onderzoek')).toEqual(['urn:x:research']);
  });

  it('folds diacritics both ways: hygiëne = hygiene, cliënt = client', () => {
    expect(uris('hygiëne')).toEqual(uris('hygiene'));
    expect(uris('hygiene')).toEqual(['urn:x:hygiene', 'urn:x:norms']);
    expect(uris('cliënt')).toEqual(uris('client'));
    expect(uris('client')).toEqual(expect.arrayContaining(['urn:x:counsel', 'urn:x:clients']));
  });

  it('ranks an exact label first, then the start of a preferred label, then alternative labels', () => {
    const hits = index.search('haar wassen').hits;
    expect(hits.map((h) => [h.concept.uri, h.match, h.preferred])).toEqual([
      ['urn:x:hair', 'exact', true],
      ['urn:x:alt-exact', 'prefix', false],
    ]);
    // An exact alternative label beats a preferred label that merely starts with the query.
    expect(index.search('client helpen').hits[0]).toMatchObject({
      concept: { uri: 'urn:x:clients' },
      match: 'exact',
      preferred: false,
    });
    expect(uris('wassen')).toEqual(['urn:x:hair', 'urn:x:dogs', 'urn:x:alt-exact']);
  });

  it('prefers labels in the page language, then whole words to word starts', () => {
    expect(uris('hygiene', 'nl')[0]).toBe('urn:x:hygiene');
    expect(index.search('team', { lang: 'nl' }).hits.map((h) => h.label)).toEqual(['team leiden']);
    expect(index.search('team', { lang: 'en' }).hits.map((h) => h.label)).toEqual(['team lead']);
    // A label in the other language still answers when the page's language has none that matches.
    expect(index.search('hair', { lang: 'nl' }).hits.map((h) => h.lang)).toEqual(['en', 'en']);
  });

  it('takes the words in any order and each concept once, with its best label', () => {
    expect(uris('wassen haar')).toEqual(['urn:x:hair', 'urn:x:alt-exact']);
    const hits = index.search('ha').hits;
    expect(new Set(hits.map((h) => h.concept.uri)).size).toBe(hits.length);
    expect(index.search('ha', { limit: 1 }).hits).toHaveLength(1);
    // One letter reads every group of labels whose words start with it, each concept still once.
    const h = uris('h');
    expect(h).toEqual(expect.arrayContaining(['urn:x:hair', 'urn:x:hygiene', 'urn:x:dogs', 'urn:x:clients']));
    expect(new Set(h).size).toBe(h.length);
  });

  it('says "no match" for a query nothing matches and "empty query" for none', () => {
    expect(index.search('xqzvbn')).toEqual({ outcome: 'no-match', hits: [] });
    expect(index.search('haar xqzvbn')).toEqual({ outcome: 'no-match', hits: [] });
    expect(index.search('')).toEqual({ outcome: 'empty-query', hits: [] });
    expect(index.search(' -- ')).toEqual({ outcome: 'empty-query', hits: [] });
    expect(index.search('haar').outcome).toBe('found');
  });
});
