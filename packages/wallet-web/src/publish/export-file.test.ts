import { describe, expect, it } from '@jest/globals';
import type { StoredCredential } from '../store/db.js';
import { exportFile, fileBase, publishedForm } from './export-file.js';
import {
  DEFAULT_PUBLICATION_SERVICE,
  currentPublication,
  mergePublications,
  readPublication,
  serviceOrigin,
  type Publication,
} from './publication.js';

const ldp = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:1',
  proof: { type: 'DataIntegrityProof' },
};
const held = (envelopes: Partial<Pick<StoredCredential, 'jwt' | 'ldp' | 'sdJwt'>>): StoredCredential =>
  ({
    id: 'urn:uuid:1',
    document: { name: 'Ervaringscertificaat Helpende Zorg & Welzijn' },
    ...envelopes,
  }) as StoredCredential;

describe('exportFile', () => {
  it('exports the Open Badges 3.0 credential (ldp_vc) as JSON where the wallet holds it', () => {
    const file = exportFile(held({ ldp, jwt: 'a.b.c', sdJwt: 'x.y.z~' }));
    expect(file).toMatchObject({
      format: 'ldp_vc',
      name: 'Ervaringscertificaat Helpende Zorg Welzijn.json',
      type: 'application/json',
    });
    expect(JSON.parse(file.text)).toEqual(ldp);
    expect(publishedForm(held({ ldp, jwt: 'a.b.c' }))).toBe(ldp);
  });

  it('exports the token exactly as issued, and says which, when there is no ldp_vc', () => {
    expect(exportFile(held({ jwt: 'a.b.c', sdJwt: 'x.y.z~' }))).toEqual({
      format: 'jwt_vc_json',
      name: 'Ervaringscertificaat Helpende Zorg Welzijn.jwt',
      type: 'text/plain',
      text: 'a.b.c',
    });
    expect(exportFile(held({ sdJwt: 'x.y.z~d1~' }))).toMatchObject({
      format: 'dc+sd-jwt',
      name: 'Ervaringscertificaat Helpende Zorg Welzijn.sd-jwt',
      text: 'x.y.z~d1~',
    });
    expect(publishedForm(held({ jwt: 'a.b.c', sdJwt: 'x.y.z~' }))).toBe('a.b.c');
  });

  it.each([
    ['Café « Brood » / Bakker', 'Cafe Brood Bakker'],
    ['../../etc/passwd', 'etc passwd'],
    ['', 'credential'],
    ['///', 'credential'],
    ['x'.repeat(200), 'x'.repeat(80)],
  ])('names the file from the title: %s', (title, base) => {
    expect(fileBase(title)).toBe(base);
  });
});

describe('publication service address', () => {
  it.each([
    ['https://verify.example.nl/some/path?q=1', 'https://verify.example.nl'],
    ['http://localhost:3002', 'http://localhost:3002'],
    [' http://127.0.0.1:9 ', 'http://127.0.0.1:9'],
    ['http://verify.example.nl', undefined],
    ['ftp://verify.example.nl', undefined],
    ['https://user:pw@verify.example.nl', undefined],
    ['not a url', undefined],
  ])('%s -> %s', (address, origin) => {
    expect(serviceOrigin(address)).toBe(origin);
  });

  it('defaults to the verifier of a local start when the build names none', () => {
    expect(DEFAULT_PUBLICATION_SERVICE).toBe('http://localhost:3002');
  });

  it('prints the newest link that has not expired', () => {
    const link = (id: string, expiresAt: string) => ({ id, expiresAt }) as Publication;
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(
      currentPublication([link('old', '2026-12-01T00:00:00Z'), link('live', '2027-01-01T00:00:00Z')], now)
        ?.id,
    ).toBe('live');
    expect(currentPublication([link('old', '2026-12-01T00:00:00Z')], now)).toBeUndefined();
  });
});

describe('published links as kept and backed up', () => {
  const link: Publication = {
    id: 'abc',
    url: 'https://verify.example.nl/p/abc',
    service: 'https://verify.example.nl',
    withdrawToken: 'token',
    createdAt: '2026-12-07T10:00:00.000Z',
    expiresAt: '2027-03-07T10:00:00.000Z',
    credentials: [{ id: 'urn:uuid:1', name: 'EVC' }],
  };

  it('reads a link with exactly its members', () => {
    expect(
      readPublication({ ...link, extra: 1, credentials: [{ id: 'urn:uuid:1', name: 'EVC', x: 2 }] }),
    ).toEqual(link);
  });

  it.each([
    ['a link on another origin', { url: 'https://elsewhere.example/p/abc' }],
    ['a plain-http service', { service: 'http://verify.example.nl', url: 'http://verify.example.nl/p/abc' }],
    ['a token that is not a string', { withdrawToken: 7 }],
    ['a credential without a name', { credentials: [{ id: 'urn:uuid:1' }] }],
  ])('refuses %s', (_, change) => {
    expect(readPublication({ ...link, ...change })).toBeUndefined();
  });

  it("keeps this wallet's links and a backup's, each once, newest first", () => {
    const older = {
      ...link,
      id: 'old',
      url: 'https://verify.example.nl/p/old',
      createdAt: '2026-11-01T00:00:00.000Z',
    };
    const merged = mergePublications([link], [older, { ...link, withdrawToken: 'from-backup' }]);
    expect(merged.map((p) => [p.id, p.withdrawToken])).toEqual([
      ['abc', 'token'],
      ['old', 'token'],
    ]);
  });
});
