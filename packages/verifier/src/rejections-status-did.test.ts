import { withClass } from '@skills-passport/service-kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MAX_STATUS_LISTS_PER_ANSWER } from './domain/verify-presentation.js';
import { startVerifier, type Harness } from './test-support/harness.js';
import {
  expectRefusal,
  issueEvc,
  newRequest,
  post,
  postToken,
  present,
  storedChecks,
  storedResult,
  trust,
  type RefusalRow,
  type Session,
} from './test-support/response-endpoint.js';
import { b64url, signJwt, StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// Status lists and DID resolution at the real OpenID4VP response endpoint: each attack or fault
// refused with its own code and check id. A loopback server stands in for the issuer service; the
// verifier runs in development mode (http on localhost allowed) with a short fetch deadline, and a
// second verifier in production mode shows that a did:web on a loopback, private or link-local
// address is refused before any connection is made.

const clock = { t: Date.parse('2027-01-15T10:00:00Z') };
let h: Harness;
let prod: Harness;
const issuer = new StandInIssuer(() => clock.t);
const holder = new TestHolder();
/** Eight organisations nobody trusts: with evc-zorg, one issuer more than an answer may bring. */
const MANY = Array.from({ length: 8 }, (_, i) => `many-${i}`);

beforeAll(async () => {
  await issuer.start();
  h = await startVerifier({ clock, config: { fetchTimeoutMs: 1000 } });
  prod = await startVerifier({ clock, config: { fetchTimeoutMs: 1000, allowInsecureLocalhost: false } });
  for (const slug of [
    'evc-zorg',
    'foreign-list',
    'list-down',
    'list-cached',
    'short-list',
    'bomb-list',
    'dense-list',
  ]) {
    const org = issuer.addOrg(slug, `EVC ${slug}`);
    await trust(h, org, 'evc-provider');
    await trust(prod, org, 'evc-provider');
  }
  for (const slug of ['onbekend', 'wrong-id', 'duplicate-doc', 'huge-doc', 'slow-doc', ...MANY])
    issuer.addOrg(slug, `Organisatie ${slug}`);
  issuer.signListsWith('foreign-list', issuer.orgs.get('onbekend')!);
  issuer.publishList('short-list', { bits: new Uint8Array(1024) });
  // 8 MiB of zeros, 8 KB compressed: within every limit on the JWT, four times the 2 MiB bound.
  issuer.publishList('bomb-list', {
    encodedList: `u${b64url(gzipSync(new Uint8Array(8 << 20)))}`,
  });
  issuer.serveDid('wrong-id', { change: (doc) => (doc.id = issuer.orgs.get('evc-zorg')!.did) });
  issuer.serveDid('duplicate-doc', {
    body: (doc) => `{"id":"did:web:evil.example",${JSON.stringify(doc).slice(1)}`,
  });
  issuer.serveDid('huge-doc', { body: (doc) => JSON.stringify({ ...doc, note: 'x'.repeat(70_000) }) });
  issuer.serveDid('slow-doc', 'hang');
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
  await prod.close();
});

const evc = (options: Parameters<typeof issueEvc>[3] = {}, slug = 'evc-zorg'): string =>
  issueEvc(issuer, holder, slug, options);
const send = (s: Session, credentials: string[], patch: Parameters<typeof present>[3] = {}) =>
  post(s, present(holder, s, credentials, patch));
/** An evc-zorg credential whose status entry is changed before signing. */
const withRevocationEntry = (change: (entry: Record<string, any>) => void): string =>
  evc({ mutate: (d) => change(d.credentialStatus) });
/** A credential signed by evc-zorg that names another issuer DID (as `iss` and in the credential). */
const claimingIssuer = (did: string): string => evc({ mutatePayload: (p) => (p.iss = p.vc.issuer.id = did) });
/** A credential signed by a throwaway key for `iss`: refused before its signature is looked at. */
const stub = (iss: string): string =>
  signJwt({ alg: 'EdDSA' }, { iss, vc: {} }, generateKeyPairSync('ed25519').privateKey);
const port = (): string => new URL(issuer.origin).port;

const statusCases: RefusalRow[] = [
  {
    name: 'revoked',
    check: 'revocation_status',
    code: 'ERR_CREDENTIAL_REVOKED',
    run: (s) => {
      issuer.setStatus('evc-zorg', 'revocation', 101, true);
      return send(s, [evc({ index: 101 })]);
    },
  },
  {
    name: 'suspended',
    check: 'suspension_status',
    code: 'ERR_CREDENTIAL_SUSPENDED',
    run: (s) => {
      issuer.setStatus('evc-zorg', 'suspension', 102, true);
      return send(s, [evc({ index: 102 })]);
    },
  },
  {
    // OpenID4VP 1.0 (8.1) wants a list: refused as malformed before anything is looked up.
    name: 'revoked, the presentation sent as one string instead of a list',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => {
      issuer.setStatus('evc-zorg', 'revocation', 103, true);
      return postToken(s, { skills_jwt_vc_json: present(holder, s, [evc({ index: 103 })]) });
    },
  },
  {
    name: 'revoked, the credential JWT sent without a presentation',
    check: 'presentation_format',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => {
      issuer.setStatus('evc-zorg', 'revocation', 104, true);
      return postToken(s, { skills_jwt_vc_json: [evc({ index: 104 })] });
    },
  },
  {
    name: 'status list unreachable without a cache',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    run: async (s) => {
      const vp = present(holder, s, [evc({}, 'list-down')]);
      await h.deps.verification.resolveDid(issuer.orgs.get('list-down')!.did);
      issuer.statusDown = true;
      try {
        return await post(s, vp);
      } finally {
        issuer.statusDown = false;
      }
    },
  },
  {
    name: 'status list signed by another issuer',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_ISSUER_MISMATCH',
    run: (s) => send(s, [evc({}, 'foreign-list')]),
  },
  {
    name: 'the entry says revocation, the list it names is for suspension',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_INVALID',
    run: (s) =>
      send(s, [
        withRevocationEntry((e) => (e.statusListCredential = issuer.listUrl('evc-zorg', 'suspension'))),
      ]),
  },
  {
    name: 'an unknown status entry type (the schema refuses it first)',
    schemaFirst: true,
    check: 'status_entry',
    code: 'ERR_STATUS_TYPE_UNSUPPORTED',
    run: (s) => send(s, [withRevocationEntry((e) => (e.type = 'StatusList2021Entry'))]),
  },
  {
    name: 'an unknown status purpose (the schema refuses it first)',
    schemaFirst: true,
    check: 'status_entry',
    code: 'ERR_STATUS_TYPE_UNSUPPORTED',
    run: (s) => send(s, [withRevocationEntry((e) => (e.statusPurpose = 'message'))]),
  },
  {
    name: 'five status entries (the schema refuses it first)',
    schemaFirst: true,
    check: 'status_entry',
    code: 'ERR_STATUS_LIST_INVALID',
    run: (s) =>
      send(s, [
        evc({
          mutate: (d) => (d.credentialStatus = Array.from({ length: 5 }, () => d.credentialStatus)),
        }),
      ]),
  },
  {
    name: 'statusListIndex just past the end of the list (131072)',
    check: 'revocation_status',
    code: 'ERR_STATUS_INDEX_OUT_OF_RANGE',
    run: (s) => send(s, [evc({ index: 131_072 })]),
  },
  ...['1e3', '-1', '0x10', '007', ''].map((index): RefusalRow => ({
    name: `a malformed statusListIndex ${JSON.stringify(index)} (the schema refuses it first)`,
    schemaFirst: true,
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_INVALID',
    run: (s) => send(s, [withRevocationEntry((e) => (e.statusListIndex = index))]),
  })),
  {
    name: 'a status list of 8192 entries, under the 131072 minimum',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_INVALID',
    run: (s) => send(s, [evc({}, 'short-list')]),
  },
  {
    name: 'a status list that expands to 8 MiB (gzip bomb)',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_TOO_LARGE',
    run: (s) => send(s, [evc({}, 'bomb-list')]),
  },
  {
    name: 'a status list at the cloud metadata address',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    run: (s) =>
      send(s, [
        withRevocationEntry(
          (e) => (e.statusListCredential = 'https://169.254.169.254/latest/meta-data/list'),
        ),
      ]),
  },
  {
    name: 'a status list over plain http on another host',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    run: (s) =>
      send(s, [withRevocationEntry((e) => (e.statusListCredential = 'http://status.example.org/lists/1'))]),
  },
];

const didCases: RefusalRow[] = [
  {
    name: "an issuer's DID document whose id is another DID",
    check: 'issuer_did',
    code: 'ERR_DID_DOCUMENT_INVALID',
    run: (s) => send(s, [evc({}, 'wrong-id')]),
  },
  {
    name: 'a DID document with a duplicate "id"',
    check: 'issuer_did',
    code: 'ERR_DID_DOCUMENT_INVALID',
    run: (s) => send(s, [evc({}, 'duplicate-doc')]),
  },
  {
    name: 'a DID document over 64 KB',
    check: 'issuer_did',
    code: 'ERR_DID_RESOLUTION_FAILED',
    run: (s) => send(s, [evc({}, 'huge-doc')]),
  },
  {
    name: 'a DID document that never comes (1 s deadline)',
    check: 'issuer_did',
    code: 'ERR_DID_RESOLUTION_FAILED',
    run: (s) => send(s, [evc({}, 'slow-doc')]),
  },
  {
    name: 'a did:web with no document (404)',
    check: 'issuer_did',
    code: 'ERR_DID_RESOLUTION_FAILED',
    run: (s) => send(s, [claimingIssuer(`did:web:localhost%3A${port()}:orgs:nobody`)]),
  },
  ...['did:web:10.0.0.1', 'did:web:169.254.169.254', 'did:web:2130706433', 'did:web:0x7f000001'].map(
    (did): RefusalRow => ({
      name: `an issuer ${did}`,
      check: 'issuer_did',
      code: 'ERR_DID_INVALID',
      run: (s) => send(s, [claimingIssuer(did)]),
    }),
  ),
  {
    name: 'an issuer DID of an unsupported method (did:ion)',
    check: 'issuer_did',
    code: 'ERR_DID_METHOD_UNSUPPORTED',
    run: (s) => send(s, [claimingIssuer('did:ion:EiClkZMDxPKqC9c-umQfTkR8vvZ9JPhl_xLDI9Nfk38w5w')]),
  },
  {
    name: '51 credentials in one presentation',
    check: 'presentation_size',
    code: 'ERR_TOO_MANY_CREDENTIALS',
    run: (s) =>
      send(
        s,
        Array.from({ length: 51 }, () => 'a.b.c'),
      ),
  },
  {
    name: 'credentials from 9 issuers in one presentation',
    check: 'presentation_size',
    code: 'ERR_TOO_MANY_CREDENTIALS',
    run: (s) =>
      send(
        s,
        Array.from({ length: 9 }, (_, i) => stub(`did:web:issuer-${i}.example`)),
      ),
  },
  {
    name: '51 credentials over two presentations',
    check: 'presentation_size',
    code: 'ERR_TOO_MANY_CREDENTIALS',
    run: (s) =>
      post(
        s,
        present(
          holder,
          s,
          Array.from({ length: 25 }, () => evc()),
        ),
        present(
          holder,
          s,
          Array.from({ length: 26 }, () => evc()),
        ),
      ),
  },
  {
    name: 'credentials from 9 issuers over two presentations',
    check: 'presentation_size',
    code: 'ERR_TOO_MANY_CREDENTIALS',
    run: (s) =>
      post(
        s,
        present(holder, s, [evc()]),
        present(
          holder,
          s,
          MANY.map((slug) => evc({}, slug)),
        ),
      ),
  },
  ...(
    [
      [
        'a holder did:key cut short',
        'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2d',
        'ERR_DID_INVALID',
      ],
      [
        'a holder did:key of a P-256 key',
        'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169',
        'ERR_DID_INVALID',
      ],
      ['a holder did:key with a fragment', `${holder.did}#key-1`, 'ERR_DID_INVALID'],
      ['a holder that is a did:web', 'did:web:wallet.example', 'ERR_DID_METHOD_UNSUPPORTED'],
    ] as const
  ).map(([name, did, code]): RefusalRow => ({
    name,
    check: 'presentation_signature',
    code,
    run: (s) => send(s, [evc()], { mutate: (p) => (p.iss = did) }),
  })),
];

describe('the response endpoint refuses status list attacks and faults', () => {
  it.each(withClass(statusCases))('[$class] $name → $code ($check)', async (row) =>
    expectRefusal(row, await newRequest(h), (s) => present(holder, s, [evc()])),
  );

  it('[status lists] fetches no more distinct status lists for one answer than the bound', async () => {
    // Credentials naming a list each, every address its own (the copies are not genuine, which
    // does not matter here): more lists than one answer may send the verifier to fetch.
    const s = await newRequest(h);
    const before = issuer.statusRequests;
    const credentials = Array.from({ length: MAX_STATUS_LISTS_PER_ANSWER + 2 }, (_, i) =>
      evc({ mutate: (d) => (d.credentialStatus.statusListCredential += `?copy=${i}`) }),
    );
    await send(s, credentials).expect(400);
    expect(issuer.statusRequests - before).toBe(MAX_STATUS_LISTS_PER_ANSWER);
    expect(await storedChecks(s)).toContainEqual(
      expect.objectContaining({ id: 'revocation_status', status: 'fail', code: 'ERR_TOO_MANY_CREDENTIALS' }),
    );
  });

  describe('with the status list host down', () => {
    const revocationCheck = async (s: Session) =>
      (await storedChecks(s)).find((c) => c.id === 'revocation_status');
    let cachedAt = 0;
    beforeAll(async () => {
      const s = await newRequest(h);
      await send(s, [evc({}, 'list-cached')]).expect(200);
      cachedAt = clock.t;
    });
    afterEach(() => {
      issuer.statusDown = false;
      clock.t = cachedAt;
    });

    it('[status lists] a copy verified within its ttl (5 minutes) stands in: accepted, with a warning', async () => {
      issuer.statusDown = true;
      clock.t = cachedAt + 240_000;
      const s = await newRequest(h);
      await send(s, [evc({}, 'list-cached')]).expect(200);
      await expect(storedResult(s)).resolves.toMatchObject({ accepted: true, outcome: 'verified' });
      await expect(revocationCheck(s)).resolves.toMatchObject({
        status: 'warning',
        code: 'ERR_STATUS_LIST_UNREACHABLE',
      });
    });

    it('[status lists] a copy older than its ttl does not: refused → ERR_STATUS_LIST_UNREACHABLE (revocation_status)', async () => {
      issuer.statusDown = true;
      clock.t = cachedAt + 301_000;
      const s = await newRequest(h);
      const res = await send(s, [evc({}, 'list-cached')]).expect(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_STATUS_LIST_UNREACHABLE' });
      await expect(revocationCheck(s)).resolves.toMatchObject({
        status: 'fail',
        code: 'ERR_STATUS_LIST_UNREACHABLE',
      });
    });
  });
});

describe('a dense status list (about half of its 131,072 entries revoked)', () => {
  // Random bits hardly compress: its encodedList is some 22,000 characters, longer than any field
  // of a request body may be. Such a list is genuine and must be read, not refused as malformed.
  beforeAll(() => {
    const bits = randomBytes(131_072 / 8);
    bits[0] = bits[0]! & ~1; // index 7 — where the stand-in puts its credentials — not revoked
    issuer.publishList('dense-list', { bits });
  });

  it('is read, and the credential whose bit is clear is accepted', async () => {
    const s = await newRequest(h);
    await send(s, [evc({}, 'dense-list')]).expect(200);
  });

  it('[status lists] is read, and the credential whose bit is set is refused as revoked', async () => {
    issuer.setStatus('dense-list', 'revocation', 7, true);
    const s = await newRequest(h);
    const res = await send(s, [evc({}, 'dense-list')]).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_CREDENTIAL_REVOKED' });
  });
});

describe('the response endpoint refuses DID resolution attacks and faults', () => {
  it.each(withClass(didCases))('[$class] $name → $code ($check)', async (row) =>
    expectRefusal(row, await newRequest(h), (s) => present(holder, s, [evc()])),
  );
});

describe('in production mode (no http, no loopback), the response endpoint', () => {
  const prodCases: RefusalRow[] = [
    {
      name: 'an issuer whose did:web is on localhost',
      check: 'issuer_did',
      code: 'ERR_FETCH_BLOCKED',
      run: (s) => send(s, [evc()]),
    },
    {
      name: 'an issuer whose did:web is on 127.0.0.1',
      check: 'issuer_did',
      code: 'ERR_FETCH_BLOCKED',
      run: (s) => send(s, [claimingIssuer(`did:web:127.0.0.1%3A${port()}:orgs:evc-zorg`)]),
    },
    ...['did:web:10.0.0.1', 'did:web:169.254.169.254'].map((did): RefusalRow => ({
      name: `an issuer ${did}`,
      check: 'issuer_did',
      code: 'ERR_DID_INVALID',
      run: (s) => send(s, [claimingIssuer(did)]),
    })),
  ];

  it.each(withClass(prodCases))(
    '[$class] refuses $name → $code ($check), connecting to nothing',
    async (row) => {
      const s = await newRequest(prod);
      const connections = issuer.connections;
      await expectRefusal(row, s, () => '');
      expect(issuer.connections).toBe(connections);
    },
  );
});
