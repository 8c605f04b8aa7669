import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { proficiencyScale as coreScale } from '@skills-passport/core';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';

import { buildCredential, dateToRfc3339, proficiencyScale } from '../../assessor-page/src/content.js';
import { TEXT } from '../../assessor-page/src/i18n.js';

const skill = (uri: string, label: string, level: number, outcome?: string) => ({
  uri: `http://data.europa.eu/esco/skill/${uri}`,
  label,
  framework: 'ESCO',
  level,
  ...(outcome === undefined ? {} : { outcome }),
});
const WAREHOUSE = skill('078861f5-b901-48a5-951e-a3ad0a4fa0bd', 'magazijnmaterialen gebruiken', 3);
const SCALES = skill('d18408c1-c2ba-4835-9ee0-352705d807d0', 'weegapparatuur gebruiken', 2);

/** A form as an assessor leaves it: every field present, the ones of other types left empty. */
function form(overrides: Record<string, unknown> = {}): any {
  return {
    lang: 'nl',
    title: '',
    description: '',
    criteria: '',
    skills: [],
    attester: { name: '', role: '' },
    organisationName: '',
    standard: { identifier: '', name: '', version: '', kind: 'kwalificatiedossier' },
    route: 'labour-market',
    assessmentDate: '',
    methods: [],
    achievementType: 'Course',
    outcomes: [{ description: '', skills: [] }],
    eqf: '',
    nlqf: '',
    hours: '',
    ects: '',
    assessmentType: 'exam',
    grade: '',
    startDate: '',
    endDate: '',
    validUntil: '',
    workplace: { name: '', department: '', location: '' },
    role: '',
    tasks: '',
    hoursPerWeek: '',
    ...overrides,
  };
}

describe('the page content builder', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => issuer.destroy());

  it('embeds the same default scale as core, in both languages', () => {
    expect(proficiencyScale('nl')).toEqual(coreScale('nl'));
    expect(proficiencyScale('en')).toEqual(coreScale('en'));
  });

  it('turns a date input into an RFC 3339 date-time at the start of that local day', () => {
    const value = dateToRfc3339('2026-03-01');
    expect(value).toMatch(/^2026-03-01T00:00:00[+-]\d{2}:\d{2}$/);
    expect(new Date(value!).getDate()).toBe(1);
    expect(dateToRfc3339('')).toBeUndefined();
    expect(dateToRfc3339('2026-02-30')).toBeUndefined();
    expect(dateToRfc3339('1-3-2026')).toBeUndefined();
  });

  it('builds a module credential the issuer accepts', async () => {
    const org = await provisionOrg(issuer, 'opleiding', 'training-provider');
    const credential = buildCredential(
      'ModuleCredential',
      form({
        title: 'Veilig werken met magazijnmaterieel',
        description: 'Praktijkgerichte module over magazijnmaterieel.',
        criteria: 'Praktijkopdracht, beoordeeld door een examinator.',
        skills: [WAREHOUSE, SCALES],
        achievementType: 'MicroCredential',
        outcomes: [
          { description: 'Bedient palletwagens veilig.', skills: [WAREHOUSE.uri] },
          { description: 'Weegt zendingen correct.', skills: [SCALES.uri] },
        ],
        eqf: '3',
        nlqf: '3',
        hours: '56',
        ects: '2',
        assessmentType: 'practical-assignment',
        grade: 'geslaagd',
        startDate: '2026-01-05',
        endDate: '2026-01-30',
        validUntil: '2031-01-30',
        attester: { name: 'Joost Verbeek', role: 'Examinator' },
      }),
      'urn:uuid:2d9a4c61-7b3e-4f1a-8c2d-9e0f1a2b3c4d',
    );
    const res = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: {
        type: 'ModuleCredential',
        learner: { name: 'Sanne Bakker', email: 'sanne@example.nl' },
        credential,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.credential.title).toBe('Veilig werken met magazijnmaterieel');
  });

  it('builds a workplace learning statement the issuer accepts', async () => {
    const org = await provisionOrg(issuer, 'van-dijk', 'employer');
    const credential = buildCredential(
      'WorkplaceLearningCredential',
      form({
        lang: 'en',
        title: 'Workplace statement warehouse worker',
        description: 'What was learned on the job.',
        criteria: 'Daily supervision and two progress reviews.',
        skills: [WAREHOUSE],
        workplace: { name: 'Distributiecentrum Tilburg', department: '', location: 'Tilburg' },
        role: 'Warehouse worker',
        tasks: 'Receive goods\n\n  Pick orders  \n',
        startDate: '2026-02-01',
        hoursPerWeek: '32',
        attester: { name: 'Kees Jansen', role: 'Praktijkopleider' },
      }),
      'urn:uuid:7c6b5a49-3827-4165-9e4d-3c2b1a0f9e8d',
    );
    expect((credential.credentialSubject as any).tasks).toEqual(['Receive goods', 'Pick orders']);
    expect((credential.credentialSubject as any).workplace).toEqual({
      name: 'Distributiecentrum Tilburg',
      location: 'Tilburg',
    });
    const res = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: { type: 'WorkplaceLearningCredential', learner: { name: 'Sanne Bakker' }, credential },
    });
    expect(res.status).toBe(201);
  });

  it('leaves blank required fields out, so the issuer names each one', async () => {
    const org = await provisionOrg(issuer, 'evc', 'evc-provider');
    const credential = buildCredential(
      'EVCCredential',
      form({ skills: [{ ...WAREHOUSE, outcome: 'achieved' }] }),
      'urn:uuid:8c1f3e52-64c1-4f0e-9a57-2f7a1d0e6b11',
    );
    const res = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: { type: 'EVCCredential', learner: { name: 'Fatima el Amrani' }, credential },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ERR_SCHEMA_INVALID');
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    for (const pointer of [
      '/credential/name',
      '/credential/credentialSubject/achievement/name',
      '/credential/credentialSubject/achievement/standard/identifier',
      '/credential/credentialSubject/assessmentDate',
      '/credential/credentialSubject/source/name',
    ]) {
      expect(pointers).toContain(pointer);
    }
  });

  it('has every text in Dutch and in English', () => {
    expect(Object.keys(TEXT.nl).sort()).toEqual(Object.keys(TEXT.en).sort());
    for (const lang of ['nl', 'en'] as const) {
      for (const [key, text] of Object.entries(TEXT[lang]))
        expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('type-checks as browser code (strict TypeScript, DOM types, no Node types)', () => {
    const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '../bin/tsc');
    const tsconfig = join(import.meta.dirname, '../../assessor-page/tsconfig.json');
    const run = spawnSync(process.execPath, [tsc, '-p', tsconfig], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
