import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventDateIssues } from './domain/event-dates.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { evcRequest, workplaceRequest } from './test-support/requests.js';

/** The issuer's clock, frozen: "the future" and "today" are measured from here. */
const NOW = new Date('2026-12-07T10:00:00Z');

function withSubject(request: ReturnType<typeof evcRequest>, fields: Record<string, unknown>) {
  const credential = request.credential as { credentialSubject: Record<string, unknown> };
  return {
    ...request,
    credential: { ...credential, credentialSubject: { ...credential.credentialSubject, ...fields } },
  };
}

describe('eventDateIssues', () => {
  it.each([
    [{ assessmentDate: '1899-01-01T00:00:00Z' }, 'date_range'],
    [{ assessmentDate: '1949-12-31T23:59:59+01:00' }, 'date_range'],
    [{ assessmentDate: '2026-02-31T00:00:00+01:00' }, 'date_invalid'],
    [{ assessmentDate: '2025-02-29T00:00:00+01:00' }, 'date_invalid'],
    [{ assessmentDate: '2026-12-08T00:00:00+01:00' }, 'date_future'],
    [{ activityStartDate: '2026-03-01T00:00:00Z', activityEndDate: '2026-02-01T00:00:00Z' }, 'date_order'],
  ])('refuses %j as %s', (subject, rule) => {
    expect(eventDateIssues(subject, NOW).map((i) => i.rule)).toEqual([rule]);
  });

  it.each([
    [{ assessmentDate: '1950-01-01T00:00:00+01:00' }],
    [{ assessmentDate: '2024-02-29T00:00:00+01:00' }],
    [{ assessmentDate: '2026-12-07T00:00:00+01:00' }],
    // A client's clock a minute ahead of ours.
    [{ assessmentDate: '2026-12-07T10:01:00Z' }],
    [{ activityStartDate: '2026-02-01T00:00:00Z', activityEndDate: '2026-02-01T00:00:00Z' }],
    // Not a date-time at all: the schema's format check says so, once.
    [{ assessmentDate: '1 februari' }],
  ])('accepts %j', (subject) => {
    expect(eventDateIssues(subject, NOW)).toEqual([]);
  });
});

describe('impossible and implausible dates, over HTTP', () => {
  let issuer: RunningIssuer;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;
  let employer: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    issuer = await startIssuer({ now: () => NOW });
    evc = await provisionOrg(issuer, 'evc-data', 'evc-provider');
    employer = await provisionOrg(issuer, 'werk-data', 'employer');
  });
  afterAll(async () => issuer.destroy());

  it.each([
    ['1899-01-01T00:00:00+01:00', 'date_range', /before 1 January 1950/],
    ['2027-01-01T00:00:00+01:00', 'date_future', /in the future/],
  ])('refuses the assessment date %s as problem+json ERR_VALIDATION (%s)', async (date, rule, words) => {
    const response = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: withSubject(evcRequest(), { assessmentDate: date }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('ERR_VALIDATION');
    expect(response.body.errors).toEqual([
      {
        pointer: '/credential/credentialSubject/assessmentDate',
        rule,
        message: expect.stringMatching(words),
      },
    ]);
  });

  it('refuses a validFrom of 1899 (or any): the issuer sets it to the moment of issuance', async () => {
    const request = evcRequest();
    const response = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: { ...request, credential: { ...request.credential, validFrom: '1899-01-01T00:00:00Z' } },
    });
    expect(response).toMatchObject({ status: 422, body: { code: 'ERR_VALIDATION' } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ pointer: '/credential/validFrom', rule: 'server_field' }),
    ]);
  });

  it('refuses 31 February once, at its field', async () => {
    const response = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: withSubject(evcRequest(), { assessmentDate: '2026-02-31T00:00:00+01:00' }),
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0]).toMatchObject({
      pointer: '/credential/credentialSubject/assessmentDate',
      rule: 'date_invalid',
    });
  });

  it('refuses an end before the start, and issues 1 January 1950', async () => {
    const reversed = await call(issuer.url, 'POST', '/api/credentials', {
      token: employer.apiKey,
      body: withSubject(workplaceRequest(), {
        activityStartDate: '2026-03-01T08:00:00+01:00',
        activityEndDate: '2026-02-01T17:00:00+01:00',
      }),
    });
    expect(reversed).toMatchObject({ status: 422, body: { code: 'ERR_VALIDATION' } });
    expect(reversed.body.errors.map((e: any) => e.rule)).toEqual(['date_order']);
    const earliest = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: withSubject(evcRequest(), { assessmentDate: '1950-01-01T00:00:00+01:00' }),
    });
    expect(earliest.status).toBe(201);
  });

  it('reports a cohort row dated 1899 and issues the others', async () => {
    const csv = [
      'name;email;/credentialSubject/activityStartDate',
      'Sanne Bakker;sanne@example.nl;2026-02-01T08:00:00+01:00',
      'Joris Smit;joris@example.nl;1899-01-01T08:00:00+01:00',
    ].join('\n');
    const started = await call(issuer.url, 'POST', '/api/cohorts', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(started.status).toBe(202);
    let batch = started.body;
    for (let i = 0; i < 200 && batch.state !== 'done'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      batch = (await call(issuer.url, 'GET', `/api/cohorts/${started.body.id}`, { token: employer.apiKey }))
        .body;
    }
    expect(batch).toMatchObject({ state: 'done', valid: 1, invalid: 1 });
    expect(batch.report).toEqual([
      {
        line: 3,
        issues: [
          expect.objectContaining({
            pointer: '/credential/credentialSubject/activityStartDate',
            rule: 'date_range',
          }),
        ],
      },
    ]);
  });
});
