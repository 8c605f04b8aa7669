import { credentialContexts, type CredentialTypeName } from '../credential-types.js';
import { secondsToDateTime } from '../verification/credential-jwt.js';
import { OVERALL_RESULTS_MEMBER, RESULTS_MEMBER, VISIBLE_SUBJECT_MEMBERS } from './layout.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A disclosure frame as `@sd-jwt/core` reads it: `_sd` lists the members (or indexes) to hide. */
export interface DisclosureFrame {
  _sd?: (string | number)[];
  [member: string]: DisclosureFrame | (string | number)[] | undefined;
}

/** What the issuer binds into an SD-JWT VC besides the credential document. */
export interface SdJwtVcBinding {
  vct: string;
  /** `vct#integrity`: the SRI hash of the Type Metadata served at `vct`. */
  vctIntegrity?: string;
  /** The holder's public key (the key its proof of possession was signed with). */
  holderJwk: Json;
  /** The credential's entry in the issuer's Token Status List. */
  status?: { idx: number; uri: string };
  /** Issuance time, seconds since the epoch. */
  issuedAt: number;
}

const seconds = (dateTime: unknown): number | undefined =>
  typeof dateTime === 'string' && !Number.isNaN(Date.parse(dateTime))
    ? Math.floor(Date.parse(dateTime) / 1000)
    : undefined;

/** The URI a skill result is aligned to, or `undefined` for a result of the whole achievement. */
function skillUriOf(result: unknown): string | undefined {
  if (!isObject(result) || !Array.isArray(result.alignment)) return undefined;
  const first: unknown = result.alignment[0];
  return isObject(first) && typeof first.targetUrl === 'string' ? first.targetUrl : undefined;
}

/** The indexes of an array, for a frame that hides every element. */
const everyIndex = (items: unknown[]): number[] => items.map((_, i) => i);

/**
 * The SD-JWT VC claims of a VC 2.0 credential document and the frame saying what is disclosable
 * (see layout.ts): JWT claims (`iss`, `iat`, `nbf`, `exp`, `jti`, `vct`, `cnf`, `status`) from the
 * document and the binding; `name`, `description`, `issuer` and the achievement in clear; every
 * other subject member, each skill result, each overall result, each learning outcome and each
 * piece of evidence disclosable on its own.
 */
export function sdJwtVcClaims(
  document: Json,
  binding: SdJwtVcBinding,
): { claims: Json; frame: DisclosureFrame } {
  const { credentialSubject, evidence, issuer, name, description, id, validFrom, validUntil } = document;
  if (!isObject(credentialSubject) || !isObject(issuer) || typeof issuer.id !== 'string')
    throw new TypeError('The document has no subject or no issuer profile.');
  const subject: Json = {};
  const subjectFrame: DisclosureFrame = { _sd: [] };
  const results: Json = {};
  const overall: unknown[] = [];
  for (const result of Array.isArray(credentialSubject.result) ? credentialSubject.result : []) {
    const uri = skillUriOf(result);
    // Two results for one skill cannot share a member name; the later one goes with the overall ones.
    if (uri !== undefined && !Object.hasOwn(results, uri)) results[uri] = result;
    else overall.push(result);
  }
  for (const [member, value] of Object.entries(credentialSubject)) {
    if (member === 'id' || member === 'result') continue;
    subject[member] = value;
    if (!VISIBLE_SUBJECT_MEMBERS.includes(member)) subjectFrame._sd!.push(member);
  }
  // A development plan has no results at all (it proves nothing), so it gets no results member.
  if (Array.isArray(credentialSubject.result)) {
    subject[RESULTS_MEMBER] = results;
    subjectFrame[RESULTS_MEMBER] = { _sd: Object.keys(results) };
  }
  if (overall.length > 0) {
    subject[OVERALL_RESULTS_MEMBER] = overall;
    subjectFrame[OVERALL_RESULTS_MEMBER] = { _sd: everyIndex(overall) };
  }
  const achievement = subject.achievement;
  if (isObject(achievement) && Array.isArray(achievement.learningOutcomes))
    subjectFrame.achievement = { learningOutcomes: { _sd: everyIndex(achievement.learningOutcomes) } };

  const notBefore = seconds(validFrom);
  const expires = seconds(validUntil);
  const claims: Json = {
    iss: issuer.id,
    iat: binding.issuedAt,
    ...(notBefore === undefined ? {} : { nbf: notBefore }),
    ...(expires === undefined ? {} : { exp: expires }),
    ...(typeof id === 'string' ? { jti: id } : {}),
    vct: binding.vct,
    ...(binding.vctIntegrity === undefined ? {} : { 'vct#integrity': binding.vctIntegrity }),
    cnf: { jwk: binding.holderJwk },
    ...(binding.status === undefined ? {} : { status: { status_list: binding.status } }),
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    issuer,
    credentialSubject: subject,
    ...(Array.isArray(evidence) && evidence.length > 0 ? { evidence } : {}),
  };
  const frame: DisclosureFrame = { credentialSubject: subjectFrame };
  if (Array.isArray(evidence) && evidence.length > 0) frame.evidence = { _sd: everyIndex(evidence) };
  return { claims, frame };
}

/**
 * The VC 2.0 document the disclosed claims of an SD-JWT VC stand for: what the verifier's report
 * and the wallet read, with only what was disclosed (withheld members are simply absent). Skill
 * results and overall results go back into `credentialSubject.result`.
 */
export function documentOfSdJwtClaims(claims: Json, type: CredentialTypeName, origin: string): Json {
  const subject = isObject(claims.credentialSubject) ? { ...claims.credentialSubject } : {};
  const hasResults = RESULTS_MEMBER in subject || OVERALL_RESULTS_MEMBER in subject;
  const results = isObject(subject[RESULTS_MEMBER]) ? Object.values(subject[RESULTS_MEMBER]) : [];
  const overallMember = subject[OVERALL_RESULTS_MEMBER];
  const overall: unknown[] = Array.isArray(overallMember) ? overallMember : [];
  delete subject[RESULTS_MEMBER];
  delete subject[OVERALL_RESULTS_MEMBER];
  const validFrom = typeof claims.nbf === 'number' ? claims.nbf : claims.iat;
  return {
    '@context': credentialContexts(origin),
    ...(typeof claims.jti === 'string' ? { id: claims.jti } : {}),
    type: ['VerifiableCredential', 'OpenBadgeCredential', type],
    ...(claims.name === undefined ? {} : { name: claims.name }),
    ...(claims.description === undefined ? {} : { description: claims.description }),
    issuer: claims.issuer,
    ...(typeof validFrom === 'number' ? { validFrom: secondsToDateTime(validFrom) } : {}),
    ...(typeof claims.exp === 'number' ? { validUntil: secondsToDateTime(claims.exp) } : {}),
    credentialSubject: hasResults ? { ...subject, result: [...results, ...overall] } : subject,
    ...(Array.isArray(claims.evidence) && claims.evidence.length > 0 ? { evidence: claims.evidence } : {}),
  };
}
