import type { CredentialFormat } from '../../credential-types.js';
import type { JwsParseResult } from '../compact-jws.js';

/**
 * A credential as it travels: a VC-JWT (`jwt_vc_json`) or a Data Integrity document (`ldp_vc`).
 * A caller that has parsed the JWT already (a verifier reading the issuers of a presentation
 * before it verifies any) hands over `parsed`, exactly `parseCompactJws(jwt)`, so the pipeline
 * does not parse it again.
 */
export type CredentialEnvelope =
  | { format: 'jwt_vc_json'; jwt: string; parsed?: JwsParseResult }
  | { format: 'ldp_vc'; credential: Record<string, unknown> };

/**
 * The envelope a received value is in: a string is a VC-JWT, a JSON object with a `proof` a Data
 * Integrity credential; anything else is none.
 */
export function envelopeOf(value: unknown): CredentialEnvelope | undefined {
  if (typeof value === 'string') return { format: 'jwt_vc_json', jwt: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'proof' in value)
    return { format: 'ldp_vc', credential: value };
  return undefined;
}

/** The format of an envelope, for reports. */
export const formatOf = (envelope: CredentialEnvelope): CredentialFormat => envelope.format;
