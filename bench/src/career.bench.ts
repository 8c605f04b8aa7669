import { generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  computeGap,
  HolderSkills,
  occupationWants,
  OccupationIndex,
  type HeldSkill,
} from '@skills-passport/core';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import { medianMs, pairedMs } from './measure.js';
import type { Figure } from './results.js';

const CREDENTIALS = 200;
const SKILLS_PER_CREDENTIAL = 5;
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';

/**
 * A generated passport of 200 credentials, 5 ESCO skills each at a level on the default scale,
 * the skills drawn (by a fixed seed) from those the occupations use, so that the ranking has work
 * to do. The same passport every run.
 */
function passport(skillUris: string[]): HeldSkill[] {
  let seed = 0x5eed;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const held: HeldSkill[] = [];
  for (let c = 0; c < CREDENTIALS; c += 1) {
    const source = {
      kind: 'credential' as const,
      credentialId: `urn:uuid:bench-${c}`,
      title: `Credential ${c}`,
      issuerName: 'Bench issuer',
      learning: c % 2 === 0 ? ('formal' as const) : ('informal' as const),
    };
    for (let s = 0; s < SKILLS_PER_CREDENTIAL; s += 1) {
      const rank = 1 + next(4);
      held.push({
        uri: skillUris[next(skillUris.length)]!,
        source,
        date: `2026-0${1 + next(9)}-1${next(10)}`,
        level: { rank, of: 4, defaultScale: true },
      });
    }
  }
  return held;
}

/**
 * career: the career check over the whole ESCO (3,039 occupations, 13,939 skills) for a passport of
 * 200 credentials — the gap for one occupation (the healthcare assistant) and the ranking of all
 * occupations, each from the passport's skills (the holder index is built in both). Measured in
 * Node; the wallet runs the same code in Chromium. Baseline: 200 raw Ed25519 verifications, one per
 * credential of the passport (what checking it costs at the physical limit), in the same run.
 */
export async function careerBench(): Promise<Figure[]> {
  const esco = await loadFullEsco();
  const used = [...new Set(esco.occupations.concepts().flatMap((o) => o.essentialSkills))].sort();
  const held = passport(used);
  const indexMs = await medianMs(() => new OccupationIndex(esco.occupations), 5, 1);
  const index = new OccupationIndex(esco.occupations);
  const wants = occupationWants(esco.occupations, HEALTHCARE_ASSISTANT)!;

  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const bytes = Buffer.alloc(1024, 7);
  const signature = sign(null, bytes, privateKey);
  const verify200 = () => {
    for (let i = 0; i < CREDENTIALS; i += 1)
      if (!verify(null, bytes, publicKey, signature)) throw new Error('raw verify failed');
  };
  const baseline = { label: `${CREDENTIALS} raw Ed25519 verifies` };

  const gap = await pairedMs(
    () => computeGap(wants, new HolderSkills(held, esco.skills), esco.skills),
    verify200,
  );
  const ranking = await pairedMs(
    () => index.rank(new HolderSkills(held, esco.skills), { lang: 'nl', limit: 10 }),
    verify200,
  );
  const sample = index.rank(new HolderSkills(held, esco.skills), { lang: 'nl', limit: 1 })[0]!;
  return [
    {
      key: 'career_gap_ms',
      label: `gap for one occupation, passport of ${CREDENTIALS} credentials, whole ESCO`,
      value: gap.ms,
      unit: 'ms',
      ratio: gap.ratio,
      baseline: { ...baseline, value: gap.baselineMs, unit: 'ms' },
      target: '<= 20 ms',
      met: gap.ms <= 20,
      details: { heldSkills: held.length, wantedSkills: wants.length },
    },
    {
      key: 'career_ranking_ms',
      label: `ranking of all ${esco.occupations.size} ESCO occupations, passport of ${CREDENTIALS} credentials`,
      value: ranking.ms,
      unit: 'ms',
      ratio: ranking.ratio,
      baseline: { ...baseline, value: ranking.baselineMs, unit: 'ms' },
      target: '<= 300 ms',
      met: ranking.ms <= 300,
      details: {
        indexBuildMs: Number(indexMs.toFixed(1)),
        topOccupation: sample.occupation.labels.en ?? sample.occupation.uri,
        topShare: Number(sample.share.toFixed(3)),
      },
    },
  ];
}
