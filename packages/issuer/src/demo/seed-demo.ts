import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import evcExample from '@skills-passport/schemas/examples/evc-credential/zorghulp-ok.json' with { type: 'json' };
import moduleExample from '@skills-passport/schemas/examples/module-credential/magazijn-microcredential-ok.json' with { type: 'json' };
import workplaceExample from '@skills-passport/schemas/examples/workplace-learning-credential/magazijnmedewerker-ok.json' with { type: 'json' };
import planExample from '@skills-passport/schemas/examples/development-plan-credential/zorghulp-plan-ok.json' with { type: 'json' };
import type { Actor, IssuerDeps } from '../domain/deps.js';
import { seedStandard } from '../domain/intake-standards.js';
import { issueCredential, type IssueRequest } from '../domain/issue-credential.js';
import { createOrganisation, getOrganisation, type OrgKind } from '../domain/organisations.js';
import { createApiKey, createStaff, listStaff } from '../domain/staff.js';
import { seedDemoCatalogue } from './seed-catalogue.js';

/** What the demo consists of; written to the data directory so a restart finds the same keys. */
export interface DemoSeed {
  organisations: {
    slug: string;
    name: string;
    kind: OrgKind;
    did: string;
    assessor: string;
    apiKey: string;
  }[];
}

/** The demo's example offers, freshly made at each start (earlier ones may have been redeemed). */
export interface DemoOffer {
  org: string;
  type: string;
  learner: string;
  uri: string;
  /** The claim page the offer e-mail links to (the mail itself lands in the outbox in the demo). */
  claimUrl: string | null;
}

const DEMO_ORGS: {
  slug: string;
  name: string;
  kind: OrgKind;
  assessor: string;
  role: string;
  url: string;
}[] = [
  {
    slug: 'evc-zorg-nl',
    name: 'EVC Centrum Zorg Nederland',
    kind: 'evc-provider',
    assessor: 'Marleen de Vries',
    role: 'Assessor',
    url: 'https://evc-zorg.example.nl',
  },
  {
    slug: 'opleidingen-logistiek',
    name: 'Opleidingscentrum Logistiek',
    kind: 'training-provider',
    assessor: 'Joost Verbeek',
    role: 'Examinator',
    url: 'https://opleidingen-logistiek.example.nl',
  },
  {
    slug: 'van-dijk-logistiek',
    name: 'Van Dijk Logistiek B.V.',
    kind: 'employer',
    assessor: 'Kees Jansen',
    role: 'Praktijkopleider',
    url: 'https://vandijk-logistiek.example.nl',
  },
  {
    slug: 'zorgopleidingen',
    name: 'ROC Zorgopleidingen Midden',
    kind: 'training-provider',
    assessor: 'Ingrid Bos',
    role: 'Opleidingscoördinator',
    url: 'https://zorgopleidingen.example.nl',
  },
  {
    slug: 'leerwerkloket-utrecht',
    name: 'Leerwerkloket Regio Utrecht',
    kind: 'learn-work-desk',
    assessor: 'Jeroen Visser',
    role: 'Loopbaanadviseur',
    url: 'https://leerwerkloket-utrecht.example.nl',
  },
];

const SYSTEM: Actor = { kind: 'system', id: 'demo-seed' };

/** An issue request built from one of the schema examples (the demo shows the same content the tests use). */
export function requestFromExample(example: Record<string, unknown>): IssueRequest {
  const doc = example as {
    name: string;
    type: string[];
    credentialSubject: Record<string, unknown>;
  } & Record<string, unknown>;
  const { id: _id, type: _type, identifier, ...subject } = doc.credentialSubject;
  const name = (identifier as { identityHash?: string }[] | undefined)?.[0]?.identityHash ?? 'Demo Learner';
  const credential: Record<string, unknown> = { name: doc.name, credentialSubject: subject };
  for (const field of ['description', 'evidence', 'validUntil'])
    if (doc[field] !== undefined) credential[field] = doc[field];
  return {
    type: doc.type[2]!,
    learner: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.nl` },
    credential,
  };
}

/**
 * Creates the demo organisations (an EVC provider, a training provider, an employer) with one
 * assessor and API key each, once; later starts read them back from `demo-seed.json`. Instances
 * that start together on one database seed it one at a time: the first seeds, the others find the
 * organisations and assessors made (and, sharing the data directory, the seed file with their keys;
 * an instance with a data directory of its own gets a key of its own for each demo assessor).
 */
export function seedDemo(deps: IssuerDeps): Promise<DemoSeed> {
  return deps.store.oneAtATime('demo-seed', () => seedDemoNow(deps));
}

async function seedDemoNow(deps: IssuerDeps): Promise<DemoSeed> {
  const file = join(deps.config.dataDir, 'demo-seed.json');
  if (existsSync(file)) {
    const seed = JSON.parse(readFileSync(file, 'utf8')) as DemoSeed;
    const complete = await Promise.all(
      seed.organisations.map(async (o) => (await deps.store.organisations.find(o.slug)) !== undefined),
    );
    // A seed from before an organisation joined the demo is completed below.
    const known = DEMO_ORGS.every((spec) => seed.organisations.some((o) => o.slug === spec.slug));
    if (complete.every(Boolean) && known) {
      await seedDemoCatalogue(deps, SYSTEM);
      await seedDemoIntakeStandards(deps);
      return seed;
    }
  }
  const organisations: DemoSeed['organisations'] = [];
  for (const spec of DEMO_ORGS) {
    const org =
      (await deps.store.organisations.find(spec.slug)) ??
      (await createOrganisation(
        deps,
        { slug: spec.slug, name: spec.name, kind: spec.kind, url: spec.url },
        SYSTEM,
      ));
    // The assessor another instance (or an earlier seed) made is the one, with a key of this seed's.
    const staff =
      (await listStaff(deps, org.slug)).find((member) => member.name === spec.assessor) ??
      (await createStaff(deps, org.slug, { name: spec.assessor, role: spec.role }, SYSTEM));
    const key = await createApiKey(deps, org.slug, staff.id, 'demo', SYSTEM);
    organisations.push({
      slug: org.slug,
      name: org.name,
      kind: org.kind,
      did: org.did,
      assessor: spec.assessor,
      apiKey: key.token,
    });
  }
  const seed: DemoSeed = { organisations };
  writeFileSync(file, `${JSON.stringify(seed, null, 2)}\n`, { mode: 0o600 });
  await seedDemoCatalogue(deps, SYSTEM);
  await seedDemoIntakeStandards(deps);
  return seed;
}

/** Issues one example offer of each credential type, from the organisation that may issue it. */
export async function demoOffers(deps: IssuerDeps): Promise<DemoOffer[]> {
  const plan: [string, Record<string, unknown>][] = [
    ['evc-zorg-nl', evcExample],
    ['opleidingen-logistiek', moduleExample],
    ['van-dijk-logistiek', workplaceExample],
    ['leerwerkloket-utrecht', planExample],
  ];
  const offers: DemoOffer[] = [];
  for (const [slug, example] of plan) {
    const org = await getOrganisation(deps, slug);
    const request = requestFromExample(example);
    const { result } = await issueCredential(deps, org, request, SYSTEM);
    offers.push({
      org: slug,
      type: request.type,
      learner: request.learner.name,
      uri: result.credential.offer!.uri,
      claimUrl: result.credential.offer!.claimUrl,
    });
  }
  return offers;
}

/** The ESCO occupation the demo EVC certificate (standard 25498) belongs to: healthcare assistant. */
export const DEMO_EVC_OCCUPATION =
  'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';

/**
 * The demo EVC provider's intake: standard 25498 "Helpende zorg en welzijn", whose skills are the
 * healthcare assistant occupation's in the ESCO the issuer loads. Put again on every start (the
 * same values), so a demo made before intakes existed gets it too.
 */
export async function seedDemoIntakeStandards(deps: IssuerDeps): Promise<void> {
  await seedStandard(deps, 'evc-zorg-nl', {
    id: '25498',
    name: 'Helpende zorg en welzijn',
    identifier: '25498',
    occupation: DEMO_EVC_OCCUPATION,
    skills: null,
  });
}
