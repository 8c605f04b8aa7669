import { describe, expect, it } from '@jest/globals';
import { withClass } from '@skills-passport/service-kit/testing';
import { DcqlPresentationResult, DcqlQuery } from 'dcql';
import fc from 'fast-check';
import { MAX_PRESENTATIONS_PER_QUERY, readVpToken, type DcqlQueryObject } from './vp-token.js';

// Reading a vp_token against the DCQL query it answers (OpenID4VP 1.0, 6.4.2 and 8.1 with errata
// 1): required credential sets must be answered, an empty token is no answer, and the object's
// shape is checked to the letter. The dcql library is the independent reference for the sets.

const query = (id: string, multiple = false) => ({
  id,
  format: 'jwt_vc_json',
  ...(multiple ? { multiple: true } : {}),
  meta: { type_values: [['VerifiableCredential', `T_${id}`]] },
});

/** Identity by a passport or an id card (required), and optionally a diploma. */
const ALTERNATIVES: DcqlQueryObject = {
  credentials: [query('passport'), query('id_card'), query('diploma', true)],
  credential_sets: [{ options: [['passport'], ['id_card']] }, { options: [['diploma']], required: false }],
};
/** Both credentials of one option are needed: an address with a proof of residence. */
const PAIRED: DcqlQueryObject = {
  credentials: [query('address'), query('residence'), query('pid')],
  credential_sets: [{ options: [['address', 'residence'], ['pid']], required: true }],
};
/** No credential sets: every credential query is required. */
const ALL_OF: DcqlQueryObject = { credentials: [query('a'), query('b')] };

const token = (entries: Record<string, unknown>): string => JSON.stringify(entries);
const vp = 'eyJhbGciOiJFZERTQSJ9.e30.c2ln';

describe('readVpToken', () => {
  it.each([
    ['one option of the required set', ALTERNATIVES, { passport: [vp] }],
    ['the required set and the optional one', ALTERNATIVES, { id_card: [vp], diploma: [vp, vp] }],
    ['both credentials of a paired option', PAIRED, { address: [vp], residence: [vp] }],
    ['the other option, alone', PAIRED, { pid: [vp] }],
    ['every query, without credential sets', ALL_OF, { a: [vp], b: [vp] }],
  ])('reads a complete answer: %s', (_name, dcql, entries) => {
    const reading = readVpToken(token(entries), dcql);
    expect(reading.kind).toBe('complete');
    if (reading.kind === 'complete')
      expect(reading.presentations.map((p) => p.queryId)).toEqual(
        Object.entries(entries).flatMap(([id, list]) => (list as string[]).map(() => id)),
      );
  });

  const incomplete = [
    { name: 'no vp_token at all', raw: undefined, dcql: ALTERNATIVES, reason: 'no_presentation' },
    { name: 'an empty vp_token field', raw: '', dcql: ALTERNATIVES, reason: 'no_presentation' },
    { name: 'an empty object (errata 1)', raw: '{}', dcql: ALTERNATIVES, reason: 'no_presentation' },
    {
      name: 'an empty object, though every set is optional (errata 1)',
      raw: '{}',
      dcql: { ...ALTERNATIVES, credential_sets: [{ options: [['passport']], required: false }] },
      reason: 'no_presentation',
    },
    {
      name: 'only the optional set, the required one unanswered',
      raw: token({ diploma: [vp] }),
      dcql: ALTERNATIVES,
      reason: 'required_credentials_missing',
    },
    {
      name: 'half of a paired option',
      raw: token({ address: [vp] }),
      dcql: PAIRED,
      reason: 'required_credentials_missing',
    },
    {
      name: 'one of two queries, without credential sets',
      raw: token({ a: [vp] }),
      dcql: ALL_OF,
      reason: 'required_credentials_missing',
    },
  ].map((row) => ({ ...row, code: 'ERR_PRESENTATION_INVALID' }));

  it.each(withClass(incomplete))('[$class] reads $name as incomplete ($reason)', ({ raw, dcql, reason }) => {
    expect(readVpToken(raw, dcql)).toMatchObject({ kind: 'incomplete', reason });
  });

  const malformed = [
    { name: 'a bare presentation JWT', raw: vp, code: 'ERR_PRESENTATION_INVALID' },
    { name: 'a JSON list', raw: JSON.stringify([vp]), code: 'ERR_PRESENTATION_INVALID' },
    { name: 'vp_token sent twice (a list of fields)', raw: ['{}', '{}'], code: 'ERR_PRESENTATION_INVALID' },
    {
      name: 'a query id twice',
      raw: `{"passport":["${vp}"],"passport":["${vp}"]}`,
      code: 'ERR_JSON_DUPLICATE_KEY',
    },
    {
      name: 'a query id the query does not have',
      raw: token({ passport: [vp], other: [vp] }),
      code: 'ERR_PRESENTATION_INVALID',
    },
    { name: 'a presentation not in a list', raw: token({ passport: vp }), code: 'ERR_PRESENTATION_INVALID' },
    { name: 'an empty list', raw: token({ passport: [] }), code: 'ERR_PRESENTATION_INVALID' },
    {
      name: 'two presentations for a query without multiple',
      raw: token({ passport: [vp, vp] }),
      code: 'ERR_PRESENTATION_INVALID',
    },
    {
      name: `more than ${MAX_PRESENTATIONS_PER_QUERY} presentations for a query with multiple`,
      raw: token({
        passport: [vp],
        diploma: Array.from({ length: MAX_PRESENTATIONS_PER_QUERY + 1 }, () => vp),
      }),
      code: 'ERR_PRESENTATION_INVALID',
    },
    {
      name: 'a presentation as an object',
      raw: token({ passport: [{ vp }] }),
      code: 'ERR_PRESENTATION_INVALID',
    },
  ];

  it.each(withClass(malformed))('[$class] reads $name as malformed ($code)', ({ raw, code }) => {
    expect(readVpToken(raw, ALTERNATIVES)).toMatchObject({ kind: 'malformed', code });
  });

  it('[property tests] agrees with the dcql library on which non-empty answers satisfy the credential sets', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const option = fc.subarray(ids, { minLength: 1 });
    const set = fc.record(
      { options: fc.array(option, { minLength: 1, maxLength: 3 }), required: fc.boolean() },
      { requiredKeys: ['options'] },
    );
    fc.assert(
      fc.property(
        fc.option(fc.array(set, { minLength: 1, maxLength: 3 }), { nil: undefined }),
        fc.subarray(ids, { minLength: 1 }),
        (sets, answered) => {
          const dcql: DcqlQueryObject = {
            credentials: ids.map((id) => query(id)),
            ...(sets === undefined ? {} : { credential_sets: sets }),
          };
          const parsed = DcqlQuery.parse(dcql as DcqlQuery.Input);
          DcqlQuery.validate(parsed);
          const reference = DcqlPresentationResult.fromDcqlPresentation(
            Object.fromEntries(
              answered.map((id) => [
                id,
                [
                  {
                    credential_format: 'jwt_vc_json',
                    type: ['VerifiableCredential', `T_${id}`],
                    claims: {},
                    cryptographic_holder_binding: true,
                  },
                ],
              ]),
            ) as never,
            { dcqlQuery: parsed },
          );
          const ours = readVpToken(token(Object.fromEntries(answered.map((id) => [id, [vp]]))), dcql);
          expect(ours.kind === 'complete').toBe(reference.can_be_satisfied);
        },
      ),
      { numRuns: 300 },
    );
  });
});
