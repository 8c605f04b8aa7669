// The verifier's store ports: what its domain reads and writes, in its own terms. Adapters live in
// store/ (sqlite/ today); each passes the contract suites in store/contract/. Every operation that
// must be atomic across instances of the verifier sharing one storage is one method here, never a
// read followed by a write in the domain.
import type { CredentialTypeName } from '@skills-passport/core';
import type { RateCounters } from '@skills-passport/service-kit';
import type { TrustedIssuer, TrustedIssuerLookup } from './domain/trusted-issuers.js';

/** A skill as an employer asks for it. */
export interface SkillRequirement {
  uri: string;
  required: boolean;
  minimumLevel?: number;
}

/**
 * What a request accepts as proof: our credential types, and `OpenBadgeCredential` for Open
 * Badges 3.0 of other issuers (edubadges, universities) that align to ESCO or CompetentNL.
 */
export type AcceptedKind = CredentialTypeName | 'OpenBadgeCredential';

/** A skills request an employer made, as stored. */
export interface StoredRequest {
  id: string;
  employerId: string;
  title: string;
  skills: SkillRequirement[];
  acceptedTypes: AcceptedKind[];
  /** Issuers whose credentials count as proof; `undefined`: every trusted issuer. */
  acceptedIssuers: string[] | undefined;
  /**
   * The employer asks for the learner's name: an SD-JWT VC answer is asked to disclose it. Absent
   * (not `false`) when not asked, so requests stored before it read back as they were.
   */
  askForName?: true;
  nonce: string;
  state: string;
  /** Milliseconds since the epoch, as every time in these ports. */
  createdAt: number;
  expiresAt: number;
  /** `answered` once a result is stored for it, and never again `pending`. */
  status: 'pending' | 'answered';
}

/** The stored answer to a request: the verdict and the full report. */
export interface StoredResult {
  requestId: string;
  receivedAt: number;
  accepted: boolean;
  outcome: string;
  /** Any JSON value; read back equal to what was saved. */
  report: unknown;
}

/**
 * The answers to a request that did not answer it (no presentation, required credentials left
 * out, or the wallet's error response): the request stays pending. Kept as a count and the last
 * one, so it stays small however many come in.
 */
export interface IncompleteAnswers {
  count: number;
  lastReceivedAt: number;
  /**
   * Why the last one did not answer the request, a stable id: `no_presentation`,
   * `required_credentials_missing` or `wallet_error`.
   */
  lastReason: string;
  /** The OAuth error code the wallet sent with the last one, when it sent an error response. */
  lastError?: string;
}

/** An employer whose API key is valid. */
export interface Employer {
  id: string;
  name: string;
}

/** Values the verifier keeps across restarts (its signing key, the demo employer's key). */
export interface SettingsStore {
  setting(key: string): Promise<string | undefined>;
  /**
   * Stores `value` unless `key` holds a value already, and returns what is stored: the first value
   * ever stored for a key is kept, also when instances race to set it, and every caller gets it.
   */
  settingOnce(key: string, value: string): Promise<string>;
  /**
   * Runs `work` while no other instance on this storage runs work under the same `name`: the others
   * wait their turn, then run theirs (seeing everything the first stored). For start-up work that
   * must happen once, such as the demo seed, when several instances start together. The turn ends
   * when `work` settles (its result or error is passed on) and when the instance holding it dies.
   * On PostgreSQL the turn holds one connection of the pool while `work` runs on the others.
   */
  inTurn<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** Employers and their API keys, held only as hashes. */
export interface EmployerStore {
  /** Adds an employer. A key hash identifies one employer: adding a second with it fails. */
  addEmployer(id: string, name: string, apiKeyHash: string, now: number): Promise<void>;
  /** The employer whose API key has this hash, unless it was revoked. */
  employerByKeyHash(apiKeyHash: string): Promise<Employer | undefined>;
  /** An employer by id, revoked or not (its requests still name it). */
  employer(id: string): Promise<Employer | undefined>;
  /** Revokes an employer's API key for good; `false` when there is no such unrevoked employer. */
  revokeEmployer(id: string, now: number): Promise<boolean>;
}

/** The trusted-issuer registry; `get` is the lookup the verification pipeline uses. */
export interface TrustedIssuerStore extends TrustedIssuerLookup {
  /** Every trusted issuer, ordered by name. */
  listTrustedIssuers(): Promise<TrustedIssuer[]>;
  /** Adds the issuer, or replaces the entry with its DID. */
  putTrustedIssuer(issuer: TrustedIssuer, now: number): Promise<void>;
  /** Removes the entry with this DID; `false` when there was none. */
  deleteTrustedIssuer(did: string): Promise<boolean>;
}

/**
 * The longest a claim may outlive a holder that stopped without releasing it (a crash, a killed
 * instance). An adapter that cannot see its holder go away ends claims this long after they were
 * taken; verifying an answer takes far less.
 */
export const ORPHANED_CLAIM_MAX_MS = 5 * 60_000;

/** One instance's exclusive hold on a request while it verifies an answer to it. */
export interface RequestClaim {
  /**
   * Lets go of the request. Never rejects; releasing twice, or after the claim lapsed, does
   * nothing, and never ends a claim someone else took since.
   */
  release(): Promise<void>;
}

/** Skills requests and their answers. */
export interface RequestStore {
  /** Stores a new request; fails when its employer does not exist or its id is taken. */
  addRequest(request: StoredRequest): Promise<void>;
  request(id: string): Promise<StoredRequest | undefined>;
  /** An employer's requests, newest first (ties by id), at most `limit`. */
  requestsOf(employerId: string, limit: number): Promise<StoredRequest[]>;
  /**
   * Claims a request for verifying one answer to it: `undefined` unless the request exists, is
   * pending, has not expired at `now` (`expiresAt > now`), and no one holds a claim on it. Every
   * adapter guarantees:
   * - one holder at a time per request, across every instance that shares the storage, so a second
   *   answer sent meanwhile is turned away instead of verified twice;
   * - a claim changes nothing stored: a request claimed and released (or whose holder stopped) is
   *   pending as before, so an answer that could not be stored can be sent again;
   * - a claim does not block its request for ever: it ends when released, when the instance that
   *   took it closes, and at the latest `ORPHANED_CLAIM_MAX_MS` after it was taken if that instance
   *   crashed. Claims are therefore never written where a crash or a full disk could leave them.
   *
   * A claim does not make an answer the only one: `saveResult` does. Always release the claim.
   */
  claimForAnswering(id: string, now: number): Promise<RequestClaim | undefined>;
  /**
   * Saves the answer to a request if that request is still pending, and marks it answered, as one
   * atomic step: either both happen or neither. `true` when this call stored the answer; `false`
   * when the request is unknown or already answered. Of any number of racing saves, on any
   * instances, exactly one succeeds. A request claimed before it expired can be answered after.
   */
  saveResult(result: StoredResult): Promise<boolean>;
  /** The stored answer to a request, if any. */
  result(requestId: string): Promise<StoredResult | undefined>;
  /**
   * Notes an answer that did not answer the request, if the request is still pending; it stays
   * pending. `true` when noted; `false` when the request is unknown or already answered.
   */
  noteIncompleteAnswer(
    requestId: string,
    receivedAt: number,
    reason: string,
    error?: string,
  ): Promise<boolean>;
  /** What incomplete answers a request got, if any. */
  incompleteAnswers(requestId: string): Promise<IncompleteAnswers | undefined>;
}

/**
 * Credentials a learner published behind a link (`/p/:id`), as issued: a compact JWT, an SD-JWT VC
 * or a Data Integrity document each. The withdraw token is held only as its SHA-256 hash.
 */
export interface StoredPublication {
  id: string;
  withdrawTokenHash: string;
  /** Any JSON values; read back equal to what was added. */
  credentials: unknown[];
  createdAt: number;
  expiresAt: number;
}

/** A publication that ended: its credentials and token hash are gone, only this remains. */
export interface EndedPublication {
  id: string;
  createdAt: number;
  endedAt: number;
  /** `withdrawn` by the learner, or found `expired` and cleared. */
  reason: 'withdrawn' | 'expired';
}

/** What is stored under a publication id. */
export type PublicationRecord =
  { state: 'published'; publication: StoredPublication } | { state: 'ended'; ended: EndedPublication };

/** Publications: a learner's credentials shown to anyone with the link, until withdrawn. */
export interface PublicationStore {
  /** Stores a new publication; fails when its id is taken (ended ones keep their id for ever). */
  addPublication(publication: StoredPublication): Promise<void>;
  publication(id: string): Promise<PublicationRecord | undefined>;
  /**
   * Ends a publication that is still published, as one atomic step: its credentials and token hash
   * are deleted and the time and reason kept. `true` when this call ended it; `false` when it is
   * unknown or ended already (of racing calls, exactly one gets `true`).
   */
  endPublication(id: string, at: number, reason: EndedPublication['reason']): Promise<boolean>;
  /**
   * Ends every publication whose `expiresAt` is at or before `now` as `expired` (at its
   * `expiresAt`), deleting its credentials; returns how many it ended.
   */
  endExpiredPublications(now: number): Promise<number>;
}

/**
 * A vacancy an employer published as a public link: its skills query, without a nonce. Anyone may
 * read it and ask for a fresh request made from it, which belongs to the employer.
 */
export interface StoredVacancy {
  id: string;
  employerId: string;
  title: string;
  /** Why the employer asks, in their words; may be empty. */
  purpose: string;
  skills: SkillRequirement[];
  acceptedTypes: AcceptedKind[];
  /** Issuers whose credentials count as proof; `undefined`: every trusted issuer. */
  acceptedIssuers: string[] | undefined;
  /** Requests made from the vacancy ask for the learner's name; absent when not. */
  askForName?: true;
  /** How long a request made from the vacancy stays open; absent: the verifier's default. */
  requestTtlSeconds?: number;
  createdAt: number;
  expiresAt: number;
  /** When the employer withdrew it; absent while it is published. */
  withdrawnAt?: number;
}

/** Published vacancies. */
export interface VacancyStore {
  /** Stores a new vacancy; fails when its employer does not exist or its id is taken. */
  addVacancy(vacancy: StoredVacancy): Promise<void>;
  vacancy(id: string): Promise<StoredVacancy | undefined>;
  /** An employer's vacancies, withdrawn ones too, newest first (ties by id), at most `limit`. */
  vacanciesOf(employerId: string, limit: number): Promise<StoredVacancy[]>;
  /**
   * Withdraws a vacancy of this employer that is not withdrawn yet, as one atomic step. `true` when
   * this call withdrew it; `false` when it is unknown, another employer's, or withdrawn already (of
   * racing calls, exactly one gets `true`).
   */
  withdrawVacancy(id: string, employerId: string, at: number): Promise<boolean>;
}

/** Every store the verifier uses, as one instance of an adapter opens them on its storage. */
export interface VerifierStores
  extends SettingsStore, EmployerStore, TrustedIssuerStore, RequestStore, PublicationStore, VacancyStore {
  /** Lets go of the storage; claims this instance holds end. */
  close(): Promise<void>;
  /**
   * Present when other instances share this storage: rate-limit counters they all count in, so
   * together they allow what one instance would. `scope` keeps one limiter's counts apart.
   */
  rateCounters?(scope: string): RateCounters;
}
