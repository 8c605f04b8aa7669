/** The credential types of Skills Passport, in the order they are usually shown. */
export const CREDENTIAL_TYPES = [
  'EVCCredential',
  'ModuleCredential',
  'WorkplaceLearningCredential',
  'DevelopmentPlanCredential',
] as const;

/** Name of one Skills Passport credential type (the last entry of the credential's `type`). */
export type CredentialTypeName = (typeof CREDENTIAL_TYPES)[number];

/**
 * The types that prove skills: every type but the development plan, which records skills still to
 * learn. What a skills request asks for.
 */
export const SKILL_CREDENTIAL_TYPES = [
  'EVCCredential',
  'ModuleCredential',
  'WorkplaceLearningCredential',
] as const satisfies readonly CredentialTypeName[];

/**
 * The envelopes a credential travels in (OpenID4VCI 1.0 format identifiers): a VC-JWT with the
 * credential in VC Data Model 1.1 (`jwt_vc_json`), the VC Data Model 2.0 document with a Data
 * Integrity proof, `eddsa-rdfc-2022` (`ldp_vc`), or an SD-JWT VC (`dc+sd-jwt`, IETF SD-JWT VC)
 * whose personal claims are each selectively disclosable.
 */
export const CREDENTIAL_FORMATS = ['jwt_vc_json', 'ldp_vc', 'dc+sd-jwt'] as const;

/** One of {@link CREDENTIAL_FORMATS}. */
export type CredentialFormat = (typeof CREDENTIAL_FORMATS)[number];

/** The SD-JWT VC envelope's format identifier. */
export const SD_JWT_VC_FORMAT = 'dc+sd-jwt' satisfies CredentialFormat;

/** Every envelope the verification pipeline opens: all of {@link CREDENTIAL_FORMATS}. */
export type EnvelopeFormat = CredentialFormat;

/** The W3C Verifiable Credentials Data Model 2.0 context: first in every credential we issue. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** The VC Data Model 1.1 context and its status list context, for the VCDM 1.1 JWT rendering. */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const STATUS_V1_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';
/** The Open Badges 3.0 context (3.0.3: 3.0.0 redefines terms the v2 context protects). */
export const OPEN_BADGES_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Where an issuer serves our context, below its own origin (so the URL resolves where it is named). */
export const SKILLS_PASSPORT_CONTEXT_PATH = '/contexts/skills-passport/v1';

/** Our context's URL at an issuer's origin (`https://issuer.example`). */
export function skillsPassportContextUrl(origin: string): string {
  return `${origin.replace(/\/$/, '')}${SKILLS_PASSPORT_CONTEXT_PATH}`;
}

/** The `@context` of a credential issued at `origin`: VC 2.0, Open Badges 3.0.3, ours. */
export function credentialContexts(origin: string): string[] {
  return [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT, skillsPassportContextUrl(origin)];
}

/** Facts about a credential type that the issuer, wallet and verifier all need. */
export interface CredentialTypeInfo {
  readonly name: CredentialTypeName;
  /** The `$id` of its JSON Schema in `schemas/`. */
  readonly schemaId: string;
  /**
   * Formal learning (assessed against a standard or a curriculum), informal (learned at work), or
   * a plan: an agreement about learning still to come, which proves no skill.
   */
  readonly learning: 'formal' | 'informal' | 'plan';
  readonly label: { readonly nl: string; readonly en: string };
}

const SCHEMA_BASE = 'https://w3id.org/skills-passport/schemas';

/** Per-type facts, keyed by type name. */
export const CREDENTIAL_TYPE_INFO: Readonly<Record<CredentialTypeName, CredentialTypeInfo>> = {
  EVCCredential: {
    name: 'EVCCredential',
    schemaId: `${SCHEMA_BASE}/evc-credential/v2`,
    learning: 'formal',
    label: { nl: 'Ervaringscertificaat (EVC)', en: 'EVC certificate (recognition of prior learning)' },
  },
  ModuleCredential: {
    name: 'ModuleCredential',
    schemaId: `${SCHEMA_BASE}/module-credential/v2`,
    learning: 'formal',
    label: { nl: 'Module of microcredential', en: 'Module or micro-credential' },
  },
  WorkplaceLearningCredential: {
    name: 'WorkplaceLearningCredential',
    schemaId: `${SCHEMA_BASE}/workplace-learning-credential/v2`,
    learning: 'informal',
    label: { nl: 'Praktijkverklaring (leren op de werkplek)', en: 'Workplace learning statement' },
  },
  DevelopmentPlanCredential: {
    name: 'DevelopmentPlanCredential',
    schemaId: `${SCHEMA_BASE}/development-plan-credential/v1`,
    learning: 'plan',
    label: { nl: 'Ontwikkelplan (Leerwerkloket)', en: 'Development plan (learn-work desk)' },
  },
};

/** True for the types whose credentials prove skills; a development plan only plans them. */
export function provesSkills(type: CredentialTypeName): boolean {
  return CREDENTIAL_TYPE_INFO[type].learning !== 'plan';
}

/** True when `value` names one of our credential types. */
export function isCredentialTypeName(value: unknown): value is CredentialTypeName {
  return typeof value === 'string' && (CREDENTIAL_TYPES as readonly string[]).includes(value);
}
