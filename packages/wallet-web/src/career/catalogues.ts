import type { SuggestableModule } from '@skills-passport/core';
import { z } from 'zod';
import { isWalletError, WalletError } from '../errors.js';
import type { TrustListEntry } from '../trust/trust-list.js';
import { allowedUrl, fetchJson } from '../verify/http.js';

/** Modules asked for per page (the catalogue's maximum is 200; 100 keeps a page near 300 kB). */
const PER_PAGE = 100;
/** Pages read per provider at most: 2,000 modules, more than any provider's catalogue holds. */
const MAX_PAGES = 20;
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
/** Providers read at the same time. */
const PARALLEL = 4;
/** Providers read at most (a trust list names a region's, a few dozen). */
const MAX_PROVIDERS = 100;

const text = (max: number) => z.string().min(1).max(max);
const webUrl = z.url({ protocol: /^https?$/ }).max(1000);
const typed = (name: string) =>
  z
    .array(z.string().max(100))
    .min(1)
    .max(5)
    .refine((types) => types.includes(name), `type must include ${name}`);

const alignmentSchema = z.strictObject({
  type: typed('Alignment'),
  targetUrl: webUrl,
  targetName: text(500),
  targetFramework: z.string().max(200).optional(),
  targetType: z.string().max(200).optional(),
  targetCode: z.string().max(200).optional(),
  targetDescription: z.string().max(2000).optional(),
});

const isoDate = z.iso.date();

/** One catalogue module (contract A): an Open Badges 3.0 Achievement with our `offering`. */
const moduleSchema = z.strictObject({
  id: webUrl,
  type: typed('Achievement'),
  achievementType: z.enum(['Course', 'MicroCredential', 'LearningProgram', 'CertificateOfCompletion']),
  name: text(500),
  description: text(5000),
  criteria: z.strictObject({ narrative: z.string().max(5000).optional(), id: webUrl.optional() }),
  inLanguage: z.enum(['nl', 'en']),
  learningOutcomes: z
    .array(z.strictObject({ description: text(5000), alignment: z.array(alignmentSchema).min(1).max(20) }))
    .min(1)
    .max(50),
  // Either may be missing (a module outside the frameworks); NLQF's lowest level is "entry".
  qualificationLevel: z.strictObject({
    eqf: z.number().int().min(1).max(8).optional(),
    nlqf: z
      .string()
      .regex(/^(entry|[1-8]\+?)$/)
      .optional(),
  }),
  studyLoad: z.strictObject({
    hours: z.number().positive().max(20_000),
    ects: z.number().nonnegative().max(500).optional(),
  }),
  offering: z.strictObject({
    mode: z.enum(['online', 'classroom', 'blended', 'workplace']),
    region: z.string().max(200).optional(),
    startDates: z.array(isoDate).max(100),
    price: z
      .strictObject({
        amount: z.number().nonnegative().max(1_000_000),
        currency: z.string().regex(/^[A-Z]{3}$/),
      })
      .optional(),
    endsInMicroCredential: z.boolean(),
  }),
  // Fields a ModuleCredential's achievement may also carry; not shown, but not refused.
  creditsAvailable: z.number().nonnegative().max(500).optional(),
  alignment: z.array(alignmentSchema).max(100).optional(),
  resultDescription: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  tag: z.array(z.string().max(200)).max(50).optional(),
});

const providerSchema = z.strictObject({ id: text(500), name: text(500), url: webUrl.optional() });

/** One page of `GET /api/catalogues/:slug` (contract A); its modules are checked one by one. */
const pageSchema = z.strictObject({
  provider: providerSchema,
  page: z.number().int().min(1),
  perPage: z.number().int().min(1).max(200),
  total: z.number().int().min(0),
  next: webUrl.optional(),
  modules: z.array(z.unknown()).max(200),
});

/** A catalogue module as its provider publishes it. */
export type ModuleAchievement = z.infer<typeof moduleSchema>;

/** A module ready for core's suggestions: the achievement and its recognised provider. */
export interface CatalogueModule extends SuggestableModule {
  achievement: ModuleAchievement;
  /** The provider as the trust list names it (not as the catalogue says). */
  provider: { did: string; name: string };
}

/** How reading one provider's catalogue went. */
export type ProviderOutcome =
  | {
      provider: TrustListEntry;
      read: true;
      modules: number;
      /** Modules left out because they are not what a module should be. */
      skipped: number;
      /** More pages than the wallet reads were left unread. */
      truncated: boolean;
    }
  | { provider: TrustListEntry; read: false; error: WalletError };

export interface CataloguesRead {
  modules: CatalogueModule[];
  providers: ProviderOutcome[];
}

interface ProviderCatalogue {
  modules: CatalogueModule[];
  skipped: number;
  truncated: boolean;
}

function firstPage(catalogue: string): string {
  const url = new URL(catalogue);
  if (!url.searchParams.has('page')) url.searchParams.set('page', '1');
  if (!url.searchParams.has('perPage')) url.searchParams.set('perPage', String(PER_PAGE));
  return url.href;
}

function catalogueModule(achievement: ModuleAchievement, entry: TrustListEntry): CatalogueModule {
  const skills = new Set(achievement.learningOutcomes.flatMap((o) => o.alignment.map((a) => a.targetUrl)));
  return {
    id: achievement.id,
    skills: [...skills],
    studyHours: achievement.studyLoad.hours,
    startDates: achievement.offering.startDates,
    achievement,
    provider: { did: entry.did, name: entry.name },
  };
}

async function readPage(url: string): Promise<z.infer<typeof pageSchema>> {
  return fetchJson(url, pageSchema, {
    unreachable: 'ERR_CATALOGUE_UNREACHABLE',
    invalid: 'ERR_CATALOGUE_INVALID',
    maxBytes: MAX_PAGE_BYTES,
    timeoutMs: TIMEOUT_MS,
    // Revalidated with the provider (If-None-Match with the copy's ETag) when the browser has one.
    cache: 'no-cache',
  });
}

/**
 * Reads one recognised provider's catalogue, page by page: at most {@link MAX_PAGES} pages of
 * 2 MB, 10 s each, every page from the catalogue's own origin and naming the provider the trust
 * list names. Modules that are not what a module should be are left out and counted. Throws a
 * {@link WalletError}: `ERR_INSECURE_URL`, `ERR_CATALOGUE_UNREACHABLE`, `ERR_CATALOGUE_INVALID`.
 */
export async function readCatalogue(entry: TrustListEntry): Promise<ProviderCatalogue> {
  const start = entry.catalogue === undefined ? undefined : allowedUrl(entry.catalogue);
  if (start === undefined) throw new WalletError('ERR_INSECURE_URL', entry.catalogue ?? '');
  const modules: CatalogueModule[] = [];
  const seenIds = new Set<string>();
  const visited = new Set<string>();
  let skipped = 0;
  let next: string | undefined = firstPage(start.href);
  for (let pages = 0; next !== undefined && pages < MAX_PAGES; pages += 1) {
    visited.add(next);
    const page = await readPage(next);
    if (page.provider.id !== entry.did)
      throw new WalletError('ERR_CATALOGUE_INVALID', `${next}: a catalogue of ${page.provider.id}`);
    for (const raw of page.modules) {
      const parsed = moduleSchema.safeParse(raw);
      if (!parsed.success || seenIds.has(parsed.data.id)) skipped += 1;
      else {
        seenIds.add(parsed.data.id);
        modules.push(catalogueModule(parsed.data, entry));
      }
    }
    next = page.next;
    if (next !== undefined && (allowedUrl(next)?.origin !== start.origin || visited.has(next)))
      throw new WalletError('ERR_CATALOGUE_INVALID', `${next}: not a next page of ${start.href}`);
  }
  return { modules, skipped, truncated: next !== undefined };
}

/** Catalogues read in this visit, by provider and URL; a failed read is not kept. */
const session = new Map<string, Promise<ProviderCatalogue>>();

function cached(entry: TrustListEntry): Promise<ProviderCatalogue> {
  const key = `${entry.did} ${entry.catalogue ?? ''}`;
  let reading = session.get(key);
  if (reading === undefined) {
    reading = readCatalogue(entry);
    session.set(key, reading);
    const mine = reading;
    mine.catch(() => {
      if (session.get(key) === mine) session.delete(key);
    });
  }
  return reading;
}

/**
 * The modules of every trust-list organisation that publishes a `catalogue`, read a few at a time
 * (once per visit each). A provider that cannot be read is reported with its error; the others'
 * modules still come.
 */
export async function readCatalogues(entries: readonly TrustListEntry[]): Promise<CataloguesRead> {
  const providers = entries.filter((e) => e.catalogue !== undefined).slice(0, MAX_PROVIDERS);
  const outcomes: ProviderOutcome[] = new Array<ProviderOutcome>(providers.length);
  const modules: CatalogueModule[][] = providers.map(() => []);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < providers.length) {
      const i = nextIndex;
      nextIndex += 1;
      const provider = providers[i]!;
      try {
        const read = await cached(provider);
        modules[i] = read.modules;
        outcomes[i] = {
          provider,
          read: true,
          modules: read.modules.length,
          skipped: read.skipped,
          truncated: read.truncated,
        };
      } catch (error) {
        outcomes[i] = {
          provider,
          read: false,
          error: isWalletError(error) ? error : new WalletError('ERR_CATALOGUE_UNREACHABLE', provider.name),
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, providers.length) }, worker));
  return { modules: modules.flat(), providers: outcomes };
}
