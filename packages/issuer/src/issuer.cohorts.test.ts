import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { workplaceRequest } from './test-support/requests.js';
import { newHolder, redeemOffer } from './test-support/wallet.js';

async function waitForBatch(issuer: RunningIssuer, token: string, id: string) {
  for (let i = 0; i < 400; i += 1) {
    const batch = await call(issuer.url, 'GET', `/api/cohorts/${id}`, { token });
    if (batch.body.state === 'done') return batch.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('batch did not finish');
}

describe('cohorts and concurrency', () => {
  let issuer: RunningIssuer;
  let employer: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    issuer = await startIssuer();
    employer = await provisionOrg(issuer, 'van-dijk', 'employer', 'Van Dijk Logistiek');
  });
  afterAll(async () => issuer.destroy());

  it('turns the valid rows of a CSV into offers and reports each invalid row with its reasons', async () => {
    const csv = [
      'name,email,/credentialSubject/role,/credentialSubject/activityStartDate,/credentialSubject/hoursPerWeek:json',
      'Sanne Bakker,sanne@example.nl,Magazijnmedewerker,2026-02-01T08:00:00+01:00,32',
      ',nobody@example.nl,Magazijnmedewerker,2026-02-01T08:00:00+01:00,32',
      'Joris Smit,joris@example.nl,Orderpicker,1 februari,24',
      'Aylin Kaya,aylin@example.nl,Heftruckchauffeur,2026-03-01T08:00:00+01:00,{broken',
      'Tom de Wit,,Magazijnmedewerker,2026-03-15T08:00:00+01:00,40',
    ].join('\n');
    const { credential } = workplaceRequest();
    const started = await call(issuer.url, 'POST', '/api/cohorts', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential, csv },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 5 });
    const batch = await waitForBatch(issuer, employer.apiKey, started.body.id);
    expect(batch).toMatchObject({ state: 'done', total: 5, processed: 5, valid: 2, invalid: 3 });
    expect(batch.report).toEqual([
      { line: 3, issues: [expect.objectContaining({ pointer: '/learner/name', rule: 'required' })] },
      {
        line: 4,
        issues: [
          expect.objectContaining({
            pointer: '/credential/credentialSubject/activityStartDate',
            rule: 'format',
          }),
        ],
      },
      {
        line: 5,
        issues: [expect.objectContaining({ pointer: '/credentialSubject/hoursPerWeek', rule: 'csv_cell' })],
      },
    ]);

    const offers = await call(issuer.url, 'GET', `/api/credentials?batch=${started.body.id}`, {
      token: employer.apiKey,
    });
    expect(offers.body.items.map((c: any) => c.learner.name).sort()).toEqual(['Sanne Bakker', 'Tom de Wit']);
    const sanne = offers.body.items.find((c: any) => c.learner.name === 'Sanne Bakker');
    const redeemed = await redeemOffer(sanne.offer.uri, newHolder());
    expect(redeemed.status).toBe(200);

    const links = await fetch(new URL(`/api/cohorts/${started.body.id}/offers.csv`, issuer.url), {
      headers: { authorization: `Bearer ${employer.apiKey}` },
    });
    const lines = (await links.text()).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('credential_id,name,contact,offer_link,expires_at,claim_page');
    expect(lines.slice(1).every((line) => line.includes('openid-credential-offer://'))).toBe(true);
    // Each row's claim page, the one its offer e-mail links to.
    expect(lines.slice(1).every((line) => /,https?:\/\/[^,]+\/claim\/[A-Za-z0-9_-]+$/.test(line))).toBe(true);

    const excel = await fetch(
      new URL(`/api/cohorts/${started.body.id}/offers.csv?separator=semicolon`, issuer.url),
      {
        headers: { authorization: `Bearer ${employer.apiKey}` },
      },
    );
    const bytes = new Uint8Array(await excel.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const excelLines = new TextDecoder().decode(bytes).trim().split('\n');
    expect(excelLines[0]).toBe('credential_id;name;contact;offer_link;expires_at;claim_page');
    expect(excelLines.slice(1).map((line) => line.split(';').length)).toEqual([6, 6]);
  });

  it('accepts a cohort of 1,000 learners (a CSV far longer than any single text field)', async () => {
    const csv = [
      'name,email',
      ...Array.from({ length: 1000 }, (_, i) => `Learner ${i},learner${i}@example.nl`),
    ].join('\n');
    const started = await call(issuer.url, 'POST', '/api/cohorts', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(started.status).toBe(202);
    const batch = await waitForBatch(issuer, employer.apiKey, started.body.id);
    expect(batch).toMatchObject({ state: 'done', total: 1000, valid: 1000, invalid: 0 });
  });

  it('reads a Dutch Excel CSV: semicolons, a byte order mark, CRLF, quoted cells holding ; and ,', async () => {
    const csv =
      '\uFEFFname;email;/credentialSubject/role;/credentialSubject/activityStartDate\r\n' +
      'Zoë Jansen;zoe@example.nl;"Magazijn; expeditie";2026-02-01T08:00:00+01:00\r\n' +
      'Ayşe Demir;ayse@example.nl;Orderpicker, nachtdienst;2026-02-01T08:00:00+01:00\r\n';
    const started = await call(issuer.url, 'POST', '/api/cohorts', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(started.status).toBe(202);
    const batch = await waitForBatch(issuer, employer.apiKey, started.body.id);
    expect(batch).toMatchObject({ state: 'done', total: 2, valid: 2, invalid: 0 });
    const offers = await call(issuer.url, 'GET', `/api/credentials?batch=${started.body.id}`, {
      token: employer.apiKey,
    });
    const byName = new Map<string, any>(offers.body.items.map((c: any) => [c.learner.name, c]));
    expect([...byName.keys()].sort()).toEqual(['Ayşe Demir', 'Zoë Jansen']);
    const stored = await issuer.runtime.db.all<{ document: string }>(
      'SELECT document FROM credentials WHERE id = ?',
      [byName.get('Zoë Jansen').id],
    );
    expect(JSON.parse(stored[0]!.document).credentialSubject.role).toBe('Magazijn; expeditie');
  });

  it('previews the first rows as the upload would treat them, and stores nothing', async () => {
    const before = await issuer.runtime.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM credentials');
    const csv = [
      'name;email;/credentialSubject/activityStartDate',
      'Sanne Bakker;sanne@example.nl;2026-02-01T08:00:00+01:00',
      ';nobody@example.nl;2026-02-01T08:00:00+01:00',
      'Joris Smit;joris@example.nl;1 februari',
      ...Array.from({ length: 7 }, (_, i) => `Learner ${i};l${i}@example.nl;`),
    ].join('\n');
    const preview = await call(issuer.url, 'POST', '/api/cohorts/preview', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      separator: ';',
      columns: ['name', 'email', '/credentialSubject/activityStartDate'],
      total: 10,
    });
    expect(preview.body.rows).toHaveLength(5);
    expect(preview.body.rows[0]).toEqual({
      line: 2,
      cells: ['Sanne Bakker', 'sanne@example.nl', '2026-02-01T08:00:00+01:00'],
      issues: [],
    });
    expect(preview.body.rows[1].issues).toEqual([expect.objectContaining({ pointer: '/learner/name' })]);
    expect(preview.body.rows[2].issues).toEqual([
      expect.objectContaining({ pointer: '/credential/credentialSubject/activityStartDate', rule: 'format' }),
    ]);
    expect(preview.body.rows[3]).toMatchObject({ line: 5, issues: [] });
    const after = await issuer.runtime.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM credentials');
    expect(after[0]!.n).toBe(before[0]!.n);

    const refused = await call(issuer.url, 'POST', '/api/cohorts/preview', {
      token: employer.apiKey,
      body: {
        type: 'WorkplaceLearningCredential',
        credential: workplaceRequest().credential,
        csv: 'email\nx@y.nl',
      },
    });
    expect(refused).toMatchObject({ status: 422, body: { code: 'ERR_CSV_INVALID' } });
  });

  it('serves a template per credential type, in either separator, that uploads once filled in', async () => {
    const template = await fetch(
      new URL('/api/cohorts/template.csv?type=WorkplaceLearningCredential&separator=semicolon', issuer.url),
      { headers: { authorization: `Bearer ${employer.apiKey}` } },
    );
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(template.headers.get('content-disposition')).toBe(
      'attachment; filename="cohort-WorkplaceLearningCredential.csv"',
    );
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toBe(
      '\uFEFFname;email;/credentialSubject/activityStartDate;/credentialSubject/activityEndDate\r\n',
    );
    const filled = `${text}Joris Smit;joris@example.nl;2026-02-01T08:00:00+01:00;2026-06-30T17:00:00+02:00\r\n`;
    const started = await call(issuer.url, 'POST', '/api/cohorts', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv: filled },
    });
    expect(started.status).toBe(202);
    expect(await waitForBatch(issuer, employer.apiKey, started.body.id)).toMatchObject({
      valid: 1,
      invalid: 0,
    });

    const comma = await call(issuer.url, 'GET', '/api/cohorts/template.csv?type=ModuleCredential', {
      token: employer.apiKey,
    });
    // fetch's text() drops the byte order mark; the bytes were checked above.
    expect(comma.text).toBe(
      'name,email,/credentialSubject/activityStartDate,/credentialSubject/activityEndDate\r\n',
    );
    const notAllowed = await call(issuer.url, 'GET', '/api/cohorts/template.csv?type=EVCCredential', {
      token: employer.apiKey,
    });
    expect(notAllowed).toMatchObject({ status: 403, body: { code: 'ERR_CREDENTIAL_TYPE_NOT_ALLOWED' } });
    const unknown = await call(issuer.url, 'GET', '/api/cohorts/template.csv?type=Diploma', {
      token: employer.apiKey,
    });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'ERR_UNKNOWN_CREDENTIAL_TYPE' } });
  });

  it.each([
    ['no name column', 'email\nx@example.nl'],
    ['an unknown column', 'name,favourite_colour\nSanne,blue'],
    ['broken quoting', 'name,email\n"Sanne,sanne@example.nl'],
    ['no rows', 'name,email\n'],
    ['no name column, semicolons', 'e-mail;naam\nx@example.nl;Sanne'],
    ['broken quoting, semicolons', 'name;email\n"Sanne;sanne@example.nl'],
  ])('refuses a CSV with %s', async (_name, csv) => {
    const response = await call(issuer.url, 'POST', '/api/cohorts', {
      token: employer.apiKey,
      body: { type: 'WorkplaceLearningCredential', credential: workplaceRequest().credential, csv },
    });
    expect(response).toMatchObject({ status: 422, body: { code: 'ERR_CSV_INVALID' } });
  });

  it('never hands out one status index twice, even under concurrent issuance', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(issuer.url, 'POST', '/api/credentials', {
          token: employer.apiKey,
          body: { ...workplaceRequest(), learner: { name: `Learner ${i}` } },
        }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const rows = await issuer.runtime.db.all<{ list_no: number; status_index: number }>(
      "SELECT list_no, status_index FROM credentials WHERE org_slug = 'van-dijk'",
    );
    expect(new Set(rows.map((r) => `${r.list_no}:${r.status_index}`)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });
});
