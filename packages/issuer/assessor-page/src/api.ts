// The staff API client: every call carries the signed-in key as a Bearer token; a 401 for that key
// ends the session. Each endpoint answers a `Reply`: its value, or the status and the issues.
import type { CredentialTypeName, Lang } from '@skills-passport/core';
import type {
  BatchView,
  CohortPreview,
  CredentialPage,
  CredentialView,
  Issue,
  Issued,
  Me,
  OccupationHit,
  OccupationSkills,
  OutboxView,
  SearchOutcome,
  SkillHit,
} from './api-types.js';
import { t } from './locale.js';

/** Thrown when a call found the session ended; the page has already signed out. */
export class SignedOut extends Error {}

export type Reply<T> = { ok: true; value: T } | { ok: false; status: number; issues: Issue[] };

let apiKey: string | null = null;
let sessionEnded: () => void = () => undefined;
let objectUrls: string[] = [];

/** The key the assessor signed in with, or `null`. */
export function signedInKey(): string | null {
  return apiKey;
}

export function setSignedInKey(key: string | null): void {
  apiKey = key;
}

/** What to do when the server no longer accepts the signed-in key. */
export function onSessionEnded(handler: () => void): void {
  sessionEnded = handler;
}

/** The issues of a problem response, or one issue with its detail. */
function issuesOf(body: unknown): Issue[] {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as {
    errors?: unknown;
    detail?: unknown;
  };
  if (Array.isArray(problem.errors) && problem.errors.length > 0) return problem.errors as Issue[];
  return [{ pointer: '', message: typeof problem.detail === 'string' ? problem.detail : t('networkError') }];
}

async function request(
  method: string,
  path: string,
  body: unknown,
  key: string,
  extra: Readonly<Record<string, string>> = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    ...extra,
    authorization: `Bearer ${key}`,
    accept: 'application/json',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.status === 401 && apiKey !== null && key === apiKey) {
    sessionEnded();
    throw new SignedOut();
  }
  return { status: response.status, body: parsed };
}

/** One staff API call with the signed-in key: the value on one of `okStatuses`, else the issues. */
export async function call<T>(
  method: string,
  path: string,
  okStatuses: readonly number[],
  body?: unknown,
  key: string = apiKey ?? '',
  headers: Readonly<Record<string, string>> = {},
): Promise<Reply<T>> {
  const response = await request(method, path, body, key, headers);
  return okStatuses.includes(response.status)
    ? { ok: true, value: response.body as T }
    : { ok: false, status: response.status, issues: issuesOf(response.body) };
}

const at = (id: string): string => encodeURIComponent(id);

/** GET /api/me with a key that is not signed in yet. */
export const getMe = (key: string) => call<Me>('GET', '/api/me', [200], undefined, key);

/** GET /api/skills: skills by the start of words of their Dutch or English labels. */
export const findSkills = (q: string, lang: Lang) =>
  call<{ outcome: SearchOutcome; skills: SkillHit[] }>(
    'GET',
    `/api/skills?${new URLSearchParams({ q, lang }).toString()}`,
    [200],
  );

/** GET /api/occupations: ESCO occupations by Dutch or English label. */
export const findOccupations = (q: string, lang: Lang) =>
  call<{ outcome: SearchOutcome; occupations: OccupationHit[] }>(
    'GET',
    `/api/occupations?${new URLSearchParams({ q, lang, limit: '10' }).toString()}`,
    [200],
  );

/** GET /api/occupations/skills: an occupation's essential and optional skills. */
export const occupationSkills = (uri: string) =>
  call<OccupationSkills>('GET', `/api/occupations/skills?${new URLSearchParams({ uri }).toString()}`, [200]);

export interface IssueRequest {
  type: CredentialTypeName;
  learner: { name: string; email: string };
  credential: Record<string, unknown>;
  offer: { txCode: boolean };
}

/** POST /api/credentials */
export const issueCredential = (body: IssueRequest) =>
  call<Issued>('POST', '/api/credentials', [201, 200], body);

/** GET /api/credentials?learner&type&status&batch&cursor&limit */
export const listCredentials = (params: URLSearchParams) =>
  call<CredentialPage>('GET', `/api/credentials?${params.toString()}`, [200]);

/** POST /api/credentials/:id/suspend | unsuspend */
export const changeStatus = (id: string, change: 'suspend' | 'unsuspend') =>
  call<CredentialView>('POST', `/api/credentials/${at(id)}/${change}`, [200], {});

/** POST /api/credentials/:id/offer: a new offer of the same credential; the old one is withdrawn. */
export const offerAgain = (id: string, txCode: boolean) =>
  call<Issued>('POST', `/api/credentials/${at(id)}/offer`, [201], { txCode });

/** POST /api/credentials/:id/offer/mail: the offer e-mail of the open offer, sent again. */
export const resendOfferMail = (id: string) =>
  call<CredentialView>('POST', `/api/credentials/${at(id)}/offer/mail`, [202], {});

/** GET /api/outbox */
export const listOutbox = () => call<OutboxView>('GET', '/api/outbox?limit=50', [200]);

/** POST /api/credentials/:id/revoke */
export const revokeCredential = (id: string, reason: string) =>
  call<CredentialView>('POST', `/api/credentials/${at(id)}/revoke`, [200], { reason });

export interface CohortRequest {
  type: CredentialTypeName;
  credential: Record<string, unknown>;
  csv: string;
  offer: { txCode: boolean };
}

/** POST /api/cohorts */
export const uploadCohort = (body: CohortRequest) =>
  call<BatchView>('POST', '/api/cohorts', [202, 200], body);

/** POST /api/cohorts/preview: nothing is stored. */
export const previewCohort = (body: CohortRequest) =>
  call<CohortPreview>('POST', '/api/cohorts/preview', [200], body);

/** GET /api/cohorts/:id */
export const cohortProgress = (id: string) => call<BatchView>('GET', `/api/cohorts/${at(id)}`, [200]);

/** Fetches a protected file (QR code, CSV) and returns an object URL for it. */
async function objectUrl(path: string): Promise<string> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${apiKey ?? ''}` } });
  if (response.status === 401) {
    sessionEnded();
    throw new SignedOut();
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  objectUrls.push(url);
  return url;
}

/** GET /api/credentials/:id/offer.svg as an object URL. */
export const offerQrCode = (id: string) => objectUrl(`/api/credentials/${at(id)}/offer.svg`);

/** GET /api/cohorts/:id/offers.csv as an object URL (semicolons for Dutch Excel). */
export const cohortOffersCsv = (id: string, separator: 'semicolon' | 'comma') =>
  objectUrl(`/api/cohorts/${at(id)}/offers.csv?separator=${separator}`);

/** GET /api/cohorts/template.csv as an object URL. */
export const cohortTemplateCsv = (type: CredentialTypeName, separator: 'semicolon' | 'comma') =>
  objectUrl(`/api/cohorts/template.csv?type=${at(type)}&separator=${separator}`);

/** Frees every object URL handed out (on sign-out). */
export function revokeObjectUrls(): void {
  for (const url of objectUrls) URL.revokeObjectURL(url);
  objectUrls = [];
}

/** Runs an action, turning a lost connection into a visible message. */
export async function guarded(
  action: () => Promise<void>,
  onNetworkError: (message: string) => void,
): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SignedOut) return;
    onNetworkError(t('networkError'));
  }
}
