// The DCQL credential query for SD-JWT VCs (`dc+sd-jwt`, OpenID4VP 1.0 §6 and B.3): which types
// (`meta.vct_values`, the exact vct of each type at each trusted issuer's origin), and which claims
// the wallet is asked to disclose — the results of the requested skills, and the learner's name only
// when the employer asked for it. Everything else stays with the learner.
import {
  CREDENTIAL_TYPES,
  SD_JWT_VC_FORMAT,
  didWebUrl,
  skillResultPath,
  vctFor,
  type ClaimPath,
  type CredentialTypeName,
} from '@skills-passport/core';
import type { StoredRequest } from '../ports.js';
import { combinations } from './combinations.js';
import type { TrustedIssuer } from './trusted-issuers.js';

/** The id of the `dc+sd-jwt` credential query in a request's DCQL query. */
export const SD_JWT_QUERY_ID = 'skills_dc_sd_jwt';

/** The claims path of the learner's name in our SD-JWT VC layout. */
export const LEARNER_NAME_PATH: ClaimPath = ['credentialSubject', 'identifier'];

/** The claim id of the learner's name; skills are `skill_1`, `skill_2` … in the request's order. */
export const LEARNER_NAME_CLAIM_ID = 'learner_name';

/** A DCQL claims query (6.3): a path and the id claim sets refer to it by. */
export interface DcqlClaimsQuery {
  id: string;
  path: ClaimPath;
}

/** The `dc+sd-jwt` credential query (6.1) with its claims and claim sets (6.4.1). */
export interface SdJwtCredentialQuery {
  id: string;
  format: typeof SD_JWT_VC_FORMAT;
  multiple: true;
  meta: { vct_values: string[] };
  claims: DcqlClaimsQuery[];
  claim_sets: string[][];
}

/**
 * The origin an issuer's did:web lives at (`did:web:issuer.example%3A8443:orgs:a` →
 * `https://issuer.example:8443`): https, or http for localhost / 127.0.0.1 when the verifier is
 * configured for local development — the same rule core applies when it reads a credential's vct.
 */
export function issuerOrigin(did: string, allowInsecureLocalhost: boolean): string | undefined {
  const url = didWebUrl(did, { allowInsecureLocalhost });
  return url.ok ? new URL(url.url).origin : undefined;
}

/**
 * The vct of every type a request accepts, at the origin of every trusted issuer recognised for it
 * (and named by the request, when it names issuers): a wallet offers only credentials whose vct is
 * listed, so an unrecognised issuer's SD-JWT VC, which could not count as proof, is not asked for.
 */
export function vctValues(
  request: Pick<StoredRequest, 'acceptedTypes' | 'acceptedIssuers'>,
  trusted: readonly TrustedIssuer[],
  allowInsecureLocalhost: boolean,
): string[] {
  const values = new Set<string>();
  for (const issuer of trusted) {
    if (request.acceptedIssuers !== undefined && !request.acceptedIssuers.includes(issuer.did)) continue;
    const origin = issuerOrigin(issuer.did, allowInsecureLocalhost);
    if (origin === undefined) continue;
    for (const type of CREDENTIAL_TYPES)
      if (isAccepted(request, type) && issuer.accreditedTypes.includes(type))
        values.add(vctFor(origin, type));
  }
  return [...values];
}

const isAccepted = (request: Pick<StoredRequest, 'acceptedTypes'>, type: CredentialTypeName): boolean =>
  request.acceptedTypes.includes(type);

/** Up to this many skills, the claim sets list every combination of them (at most 63 options). */
const EVERY_COMBINATION_UP_TO = 6;

/**
 * The claim sets, most wanted first (a wallet discloses the first option its credential satisfies,
 * 6.4.1). Up to six skills: every combination of them, largest first, so a credential that proves
 * some of the asked skills answers with all of those — and with no skill that was not asked for.
 * Beyond six (the list would double with each skill): every skill, then the required ones, then
 * each skill on its own. The learner's name, when asked for, is part of every option.
 */
function claimSets(request: Pick<StoredRequest, 'skills'>, withName: boolean): string[][] {
  const ids = request.skills.map((_, i) => `skill_${i + 1}`);
  const required = ids.filter((_, i) => request.skills[i]!.required);
  const name = withName ? [LEARNER_NAME_CLAIM_ID] : [];
  const options =
    ids.length <= EVERY_COMBINATION_UP_TO ? combinations(ids) : [ids, required, ...ids.map((id) => [id])];
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const option of options) {
    const key = option.join(' ');
    if (option.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push([...option, ...name]);
  }
  return out;
}

/**
 * The `dc+sd-jwt` credential query of a request, or `undefined` when no SD-JWT VC could answer it
 * (no type of ours accepted from any trusted issuer).
 */
export function sdJwtCredentialQuery(
  request: Pick<StoredRequest, 'skills' | 'askForName'>,
  vcts: readonly string[],
): SdJwtCredentialQuery | undefined {
  if (vcts.length === 0) return undefined;
  const withName = request.askForName === true;
  return {
    id: SD_JWT_QUERY_ID,
    format: SD_JWT_VC_FORMAT,
    multiple: true,
    meta: { vct_values: [...vcts] },
    claims: [
      ...request.skills.map((skill, i) => ({ id: `skill_${i + 1}`, path: skillResultPath(skill.uri) })),
      ...(withName ? [{ id: LEARNER_NAME_CLAIM_ID, path: LEARNER_NAME_PATH }] : []),
    ],
    claim_sets: claimSets(request, withName),
  };
}
