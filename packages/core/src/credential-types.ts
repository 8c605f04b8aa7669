/** The credential types of Skills Passport, in the order they are usually shown. */
export const CREDENTIAL_TYPES = ['EVCCredential', 'ModuleCredential', 'WorkplaceLearningCredential'] as const;

/** Name of one Skills Passport credential type (the last entry of the credential's `type`). */
export type CredentialTypeName = (typeof CREDENTIAL_TYPES)[number];

/** JSON-LD contexts every Skills Passport credential carries, in this order. */
export const CREDENTIAL_CONTEXTS = [
  'https://www.w3.org/2018/credentials/v1',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://w3id.org/skills-passport/contexts/v1',
] as const;

/** Facts about a credential type that the issuer, wallet and verifier all need. */
export interface CredentialTypeInfo {
  readonly name: CredentialTypeName;
  /** The `$id` of its JSON Schema in `schemas/`. */
  readonly schemaId: string;
  /** Formal learning (assessed against a standard or a curriculum) or informal (learned at work). */
  readonly learning: 'formal' | 'informal';
  readonly label: { readonly nl: string; readonly en: string };
}

const SCHEMA_BASE = 'https://w3id.org/skills-passport/schemas';

/** Per-type facts, keyed by type name. */
export const CREDENTIAL_TYPE_INFO: Readonly<Record<CredentialTypeName, CredentialTypeInfo>> = {
  EVCCredential: {
    name: 'EVCCredential',
    schemaId: `${SCHEMA_BASE}/evc-credential/v1`,
    learning: 'formal',
    label: { nl: 'Ervaringscertificaat (EVC)', en: 'EVC certificate (recognition of prior learning)' },
  },
  ModuleCredential: {
    name: 'ModuleCredential',
    schemaId: `${SCHEMA_BASE}/module-credential/v1`,
    learning: 'formal',
    label: { nl: 'Module of microcredential', en: 'Module or micro-credential' },
  },
  WorkplaceLearningCredential: {
    name: 'WorkplaceLearningCredential',
    schemaId: `${SCHEMA_BASE}/workplace-learning-credential/v1`,
    learning: 'informal',
    label: { nl: 'Praktijkverklaring (leren op de werkplek)', en: 'Workplace learning statement' },
  },
};

/** True when `value` names one of our credential types. */
export function isCredentialTypeName(value: unknown): value is CredentialTypeName {
  return typeof value === 'string' && (CREDENTIAL_TYPES as readonly string[]).includes(value);
}
