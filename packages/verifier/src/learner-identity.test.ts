import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVerifier, type Harness } from './test-support/harness.js';
import { newRequest, post, present, storedResult, trust } from './test-support/response-endpoint.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// Who the credentials of one answer name, as the employer's report says it: the candidate's name,
// and a warning when the credentials name different people. Real answers over HTTP, a real store.
let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);

beforeAll(async () => {
  h = await startVerifier();
  await issuer.start();
  await trust(h, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'), 'evc-provider', [
    'EVCCredential',
    'ModuleCredential',
  ]);
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

type Identifier = { identityType: string; identityHash: string; hashed?: boolean };

/** An EVC certificate for `holder` naming the learner by these identifiers. */
function evcNaming(holder: TestHolder, identifiers: Identifier[]): string {
  return issuer.issue('evc-zorg', 'EVCCredential', {
    holder: holder.did,
    mutate: (doc) => {
      doc.credentialSubject.identifier = identifiers.map((id) => ({
        type: 'IdentityObject',
        hashed: id.hashed ?? false,
        identityHash: id.identityHash,
        identityType: id.identityType,
        ...(id.hashed === true ? { salt: 'pepper' } : {}),
      }));
    },
  });
}

const named = (name: string, ...more: Identifier[]): Identifier[] => [
  { identityType: 'name', identityHash: name },
  ...more,
];

async function answer(credentials: (holder: TestHolder) => string[]) {
  const holder = new TestHolder();
  const s = await newRequest(h);
  const res = await post(s, present(holder, s, credentials(holder)));
  expect(res.status).toBe(200);
  return (await storedResult(s)) as { accepted: boolean; outcome: string; report: any };
}

describe("the candidate's identity in the report", () => {
  it('gives the name the credentials carry, and no warning when they agree (spelling aside)', async () => {
    const result = await answer((holder) => [
      evcNaming(holder, named('José van der Berg')),
      evcNaming(holder, named('Jose Van der  Berg')),
    ]);
    expect(result).toMatchObject({ accepted: true, outcome: 'verified' });
    expect(result.report.learnerName).toBe('José van der Berg');
    expect(result.report.identityConflicts).toBeUndefined();
  });

  it('warns when the credentials of one answer name different people, saying which credential names whom', async () => {
    const result = await answer((holder) => [
      evcNaming(holder, named('Fatima el Amrani')),
      evcNaming(holder, named('Jan de Vries')),
      evcNaming(holder, named('Fatima el Amrani')),
    ]);
    // The proofs are genuine: the answer stands, and the employer is told.
    expect(result).toMatchObject({ accepted: true, outcome: 'verified' });
    expect(result.report.learnerName).toBe('Fatima el Amrani');
    expect(result.report.identityConflicts).toEqual([
      {
        identityType: 'name',
        values: [
          { value: 'Fatima el Amrani', credentials: [0, 2] },
          { value: 'Jan de Vries', credentials: [1] },
        ],
      },
    ]);
  });

  it('warns on another identifier given in the clear, and compares no salted hashes', async () => {
    const result = await answer((holder) => [
      evcNaming(
        holder,
        named(
          'Fatima el Amrani',
          { identityType: 'identifier', identityHash: 'S-1001' },
          { identityType: 'emailAddress', identityHash: 'sha256$aaaa', hashed: true },
        ),
      ),
      evcNaming(
        holder,
        named(
          'Fatima el Amrani',
          { identityType: 'identifier', identityHash: 'S-2002' },
          { identityType: 'emailAddress', identityHash: 'sha256$bbbb', hashed: true },
        ),
      ),
    ]);
    expect(result.report.identityConflicts).toEqual([
      {
        identityType: 'identifier',
        values: [
          { value: 'S-1001', credentials: [0] },
          { value: 'S-2002', credentials: [1] },
        ],
      },
    ]);
  });

  it('names no one when no credential gives a name', async () => {
    const result = await answer((holder) => [evcNaming(holder, [])]);
    expect(result.accepted).toBe(true);
    expect(result.report.learnerName).toBeUndefined();
    expect(result.report.identityConflicts).toBeUndefined();
  });
});
