import { describe, expect, it } from '@jest/globals';
import { validateCredential, type CredentialDocument, type CredentialTypeName } from '@skills-passport/core';
import type { CredentialState } from './passport/credential-state.js';
import { readPlan, type Plan } from './plan/plan-credential.js';
import { currentPlan, heldCredential, planProgress, type HeldCredential } from './plan/progress.js';
import { example } from './test-support/fixture-issuer.js';

// The plan's progress (contract F), on real documents: the schema examples, validated by core as
// the wallet validates what it receives, then changed the way each case needs.
const HYGIENE = 'http://localhost:3001/api/catalogues/zorgopleidingen/modules/hygiene-en-richtlijnen';
const TEAM = 'http://localhost:3001/api/catalogues/zorgopleidingen/modules/samenwerken-zorgteam';
const SKILL = 'http://data.europa.eu/esco/skill/';
const GUIDELINES = `${SKILL}76395873-7fe2-4f9a-b4b6-9932f8cbd0b4`;
const QUALITY = `${SKILL}98eb1f3b-3480-416b-bd4b-811946f7e347`;

function documentOf(
  type: string,
  file: string,
  edit?: (doc: any) => void,
): { type: CredentialTypeName; document: CredentialDocument } {
  const doc = example(type, file) as any;
  edit?.(doc);
  const result = validateCredential(doc);
  if (!result.valid) throw new Error(JSON.stringify(result.issues));
  return { type: result.type, document: result.credential };
}

function plan(edit?: (doc: any) => void): Plan {
  const { document } = documentOf('development-plan-credential', 'zorghulp-plan-ok.json', edit);
  return readPlan(document)!;
}

/** The demo module credential, issued for the catalogue module `achievementId` and proving `skills`. */
function module(
  options: { achievementId?: string; skills?: { uri: string; label: string }[]; outcome?: string },
  state: CredentialState = 'valid',
): HeldCredential {
  const { type, document } = documentOf('module-credential', 'magazijn-microcredential-ok.json', (doc) => {
    doc.id = `urn:uuid:${crypto.randomUUID()}`;
    const achievement = doc.credentialSubject.achievement;
    if (options.achievementId !== undefined) achievement.id = options.achievementId;
    if (options.skills !== undefined) {
      const alignment = (s: { uri: string; label: string }) => ({
        type: ['Alignment'],
        targetUrl: s.uri,
        targetName: s.label,
        targetFramework: 'ESCO',
        targetType: 'ext:ESCOSkill',
      });
      achievement.learningOutcomes = options.skills.map((s) => ({
        description: s.label,
        alignment: [alignment(s)],
      }));
      achievement.alignment = options.skills.map(alignment);
      doc.credentialSubject.result = [
        doc.credentialSubject.result[0],
        ...options.skills.map((s) => ({
          type: ['Result'],
          alignment: [alignment(s)],
          resultDescription: 'https://w3id.org/skills-passport/scales/proficiency-4/v1',
          achievedLevel: 'https://w3id.org/skills-passport/scales/proficiency-4/v1#2',
          ...(options.outcome === undefined ? {} : { value: options.outcome }),
        })),
      ];
    }
  });
  return heldCredential({ id: document.id, type, document }, state);
}

describe('readPlan', () => {
  it('reads the plan, its desk and its dates from a plan credential', () => {
    const read = plan();
    expect(read).toMatchObject({
      credentialId: 'urn:uuid:0c6f3a1e-5b2d-4e8f-9a7c-1d2e3f4a5b6c',
      desk: { name: 'Leerwerkloket Regio Utrecht' },
      targetOccupation: { label: 'zorghulp' },
      adviser: { name: 'Jeroen Visser' },
      agreedOn: '2026-12-01',
      reviewOn: '2027-04-01',
      nextSteps: [
        { due: '2027-01-15' },
        { description: 'Een dag meelopen op een afdeling van een verpleeghuis.' },
      ],
    });
    expect(read.modules.map((m) => [m.id, m.studyLoadHours])).toEqual([
      [HYGIENE, 24],
      [TEAM, 40],
    ]);
  });

  it.each([
    ['a member the contract does not name', (p: any) => (p.modules[0].price = 450)],
    ['a due date that is not a day', (p: any) => (p.nextSteps[0].due = '15-01-2027')],
    ['a module without a provider', (p: any) => delete p.modules[0].provider],
    ['a skill that is not a web address', (p: any) => (p.modules[0].skills[0].uri = 'javascript:alert(1)')],
    ['no adviser', (p: any) => delete p.adviser],
  ])('reads nothing from a plan with %s', (_what, spoil) => {
    const { document } = documentOf('development-plan-credential', 'zorghulp-plan-ok.json');
    const doc = structuredClone(document) as any;
    spoil(doc.credentialSubject.developmentPlan);
    expect(readPlan(doc)).toBeUndefined();
  });

  it('reads nothing from a credential that is not a plan', () => {
    expect(
      readPlan(documentOf('module-credential', 'magazijn-microcredential-ok.json').document),
    ).toBeUndefined();
  });
});

describe('planProgress', () => {
  it('counts nothing done while the wallet holds no module credential', () => {
    expect(planProgress(plan(), [])).toMatchObject({ done: 0, total: 2, modules: [{}, {}] });
    expect(planProgress(plan(), []).modules.every((m) => m.done === undefined)).toBe(true);
  });

  it('counts a module done by a credential issued for it (its achievement id)', () => {
    const held = module({ achievementId: HYGIENE });
    const progress = planProgress(plan(), [held]);
    expect(progress.done).toBe(1);
    expect(progress.modules[0]!.done).toEqual({
      credentialId: held.id,
      title: held.title,
      issuerName: held.issuerName,
      by: 'module',
    });
    expect(progress.modules[1]!.done).toBeUndefined();
  });

  it('counts a module done by a credential that proves every skill it closes', () => {
    const skills = [
      { uri: GUIDELINES, label: 'klinische richtlijnen volgen' },
      { uri: QUALITY, label: 'kwaliteitsnormen naleven' },
    ];
    expect(planProgress(plan(), [module({ skills })]).modules[0]!.done).toMatchObject({ by: 'skills' });
    // One of the two skills is not enough.
    expect(planProgress(plan(), [module({ skills: skills.slice(0, 1) })]).done).toBe(0);
    // Nor is a result only partly achieved.
    expect(planProgress(plan(), [module({ skills, outcome: 'partly-achieved' })]).done).toBe(0);
  });

  it.each(['revoked', 'suspended', 'unrecognised'] as const)(
    'does not count a %s credential, and counts an expired one (a module once finished stays finished)',
    (state) => {
      expect(planProgress(plan(), [module({ achievementId: HYGIENE }, state)]).done).toBe(0);
      expect(planProgress(plan(), [module({ achievementId: HYGIENE }, 'expired')]).done).toBe(1);
    },
  );

  it('counts each module once, whatever number of credentials finish it', () => {
    const progress = planProgress(plan(), [
      module({ achievementId: HYGIENE }),
      module({ achievementId: HYGIENE }),
      module({ achievementId: TEAM }),
    ]);
    expect(progress).toMatchObject({ done: 2, total: 2 });
  });

  it('a module without skills is done only by its own credential', () => {
    const noSkills = plan((doc) => (doc.credentialSubject.developmentPlan.modules[0].skills = []));
    expect(planProgress(noSkills, [module({})]).done).toBe(0);
    expect(planProgress(noSkills, [module({ achievementId: HYGIENE })]).done).toBe(1);
  });
});

describe('currentPlan', () => {
  const planDoc = (id: string, validFrom: string) =>
    documentOf('development-plan-credential', 'zorghulp-plan-ok.json', (doc) => {
      doc.id = id;
      doc.validFrom = validFrom;
    }).document;

  it('is the newest plan that still counts', () => {
    const older = planDoc('urn:uuid:older', '2026-10-01T10:00:00+02:00');
    const newer = planDoc('urn:uuid:newer', '2026-12-01T10:00:00+01:00');
    const newest = planDoc('urn:uuid:newest-but-revoked', '2026-12-05T10:00:00+01:00');
    const found = currentPlan([
      { credential: { document: older }, state: 'valid' },
      { credential: { document: newest }, state: 'revoked' },
      { credential: { document: newer }, state: 'unknown' },
    ]);
    expect(found?.credentialId).toBe('urn:uuid:newer');
  });

  it('is none without a plan credential', () => {
    const { document } = documentOf('module-credential', 'magazijn-microcredential-ok.json');
    expect(currentPlan([{ credential: { document }, state: 'valid' }])).toBeUndefined();
  });
});
