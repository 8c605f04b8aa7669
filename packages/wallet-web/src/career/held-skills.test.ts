import { describe, expect, it } from '@jest/globals';
import { heldSkills, type CareerInput } from './held-skills.js';

const SKILL = 'http://data.europa.eu/esco/skill/';
const summary = {
  name: 'Ervaringscertificaat Helpende Zorg en Welzijn',
  issuerName: 'EVC Centrum Zorg Nederland',
  date: '2026-03-12',
  claims: [
    {
      alignment: { targetUrl: `${SKILL}a`, targetName: 'a', targetFramework: 'ESCO' },
      result: { outcome: 'achieved' as const, levelName: 'Gevorderd', rank: 3, of: 4, defaultScale: true },
    },
    {
      alignment: { targetUrl: `${SKILL}b`, targetName: 'b', targetFramework: 'ESCO' },
      result: {
        outcome: 'partly-achieved' as const,
        levelName: 'Niveau 2',
        rank: 2,
        of: 5,
        defaultScale: false,
      },
    },
    // A module's learning outcome: no level.
    { alignment: { targetUrl: `${SKILL}c`, targetName: 'c', targetFramework: 'ESCO' } },
  ],
};
const credential = (state: CareerInput['state']): CareerInput => ({
  id: `urn:uuid:${state}`,
  type: 'EVCCredential',
  state,
  summary,
});

describe('the skills the career check counts', () => {
  it('takes each claim with its credential, date, learning (an EVC certificate is formal), level and outcome', () => {
    const held = heldSkills([credential('valid')]);
    expect(held).toEqual([
      {
        uri: `${SKILL}a`,
        label: 'a',
        source: {
          kind: 'credential',
          credentialId: 'urn:uuid:valid',
          title: summary.name,
          issuerName: summary.issuerName,
          learning: 'formal',
        },
        date: '2026-03-12',
        outcome: 'achieved',
        level: { name: 'Gevorderd', rank: 3, of: 4, defaultScale: true },
      },
      expect.objectContaining({
        uri: `${SKILL}b`,
        outcome: 'partly-achieved',
        level: { name: 'Niveau 2', rank: 2, of: 5, defaultScale: false },
      }),
      expect.objectContaining({ uri: `${SKILL}c` }),
    ]);
    expect(held[2]).not.toHaveProperty('level');
  });

  it('leaves out credentials that no longer count, as the passport does', () => {
    expect(
      heldSkills(['revoked', 'suspended', 'unrecognised'].map((s) => credential(s as CareerInput['state']))),
    ).toEqual([]);
    expect(heldSkills([credential('expired'), credential('unknown')])).toHaveLength(6);
  });
});
