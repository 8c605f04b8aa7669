import catalogue from './zorgopleidingen-catalogue.json' with { type: 'json' };
import { addModule } from '../domain/catalogue.js';
import type { Actor, IssuerDeps } from '../domain/deps.js';
import { getOrganisation } from '../domain/organisations.js';

/** The demo training provider whose catalogue closes skills the demo EVC certificate leaves open. */
export const DEMO_CATALOGUE_ORG = 'zorgopleidingen';

/** The demo catalogue as shipped: each module with its fixed id and why it is there (`$comment`). */
export const DEMO_CATALOGUE: readonly { id: string; $comment: string; module: unknown }[] = catalogue.modules;

/**
 * Publishes the demo catalogue's modules that the provider does not have yet (by id), so a restart
 * adds nothing twice and keeps what staff changed. Returns how many it added.
 */
export async function seedDemoCatalogue(deps: IssuerDeps, actor: Actor): Promise<number> {
  const org = await getOrganisation(deps, DEMO_CATALOGUE_ORG);
  let added = 0;
  for (const entry of DEMO_CATALOGUE) {
    if ((await deps.store.catalogue.find(org.slug, entry.id)) !== undefined) continue;
    await addModule(deps, org, entry.module, actor, { id: entry.id });
    added += 1;
  }
  return added;
}
