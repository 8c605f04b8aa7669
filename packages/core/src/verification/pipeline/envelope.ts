import type { EnvelopeFormat } from '../../credential-types.js';
import type { KeyBindingExpectation } from '../../sd-jwt/key-binding.js';
import type { JwsParseResult } from '../compact-jws.js';

/**
 * A credential as it travels: a VC-JWT (`jwt_vc_json`), a Data Integrity document (`ldp_vc`) or an
 * SD-JWT VC (`dc+sd-jwt`; with `keyBinding` its Key Binding JWT must answer that request).
 * A caller that has parsed the JWT already (a verifier reading the issuers of a presentation
 * before it verifies any) hands over `parsed`, exactly `parseCompactJws(jwt)`, so the pipeline
 * does not parse it again.
 */
export type CredentialEnvelope =
  | { format: 'jwt_vc_json'; jwt: string; parsed?: JwsParseResult }
  | { format: 'ldp_vc'; credential: Record<string, unknown> }
  | { format: 'dc+sd-jwt'; token: string; keyBinding?: KeyBindingExpectation };

/**
 * The envelope a received value is in: a string with a `~` is an SD-JWT, another string a VC-JWT,
 * a JSON object with a `proof` a Data Integrity credential; anything else is none.
 */
export function envelopeOf(value: unknown): CredentialEnvelope | undefined {
  if (typeof value === 'string')
    return value.includes('~')
      ? { format: 'dc+sd-jwt', token: value }
      : { format: 'jwt_vc_json', jwt: value };
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'proof' in value)
    return { format: 'ldp_vc', credential: value };
  return undefined;
}

/** The format of an envelope, for reports. */
export const formatOf = (envelope: CredentialEnvelope): EnvelopeFormat => envelope.format;
