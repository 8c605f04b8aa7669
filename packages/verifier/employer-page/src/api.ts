// The employer API client: calls carry the employer's API key; a 401 signs the employer out.
import type { Lang } from '@skills-passport/core';
import type {
  OccupationHit,
  OccupationSkills,
  RequestView,
  RequestedSkill,
  SearchOutcome,
  SkillHit,
  VacancyView,
} from './api-types.js';
import { t } from './locale.js';

const KEY_STORE = 'sp-employer-key';

let apiKey: string | null = sessionStorage.getItem(KEY_STORE);
let unauthorized: () => void = () => undefined;

export function signedInKey(): string | null {
  return apiKey;
}

/** Uses `key` for the calls that follow; `remember` keeps it for this tab, `null` forgets it. */
export function useKey(key: string | null, remember = false): void {
  apiKey = key;
  if (key === null) sessionStorage.removeItem(KEY_STORE);
  else if (remember) sessionStorage.setItem(KEY_STORE, key);
}

/** What to do when the server does not accept the key. */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/** Calls the API; throws an Error with the problem's detail when the answer is not 2xx. */
async function api<T>(path: string, options: { method?: string; body?: string } = {}): Promise<T> {
  const res = await fetch(path, {
    ...options,
    headers: {
      ...(options.body ? { 'content-type': 'application/json' } : {}),
      authorization: `Bearer ${apiKey ?? ''}`,
    },
  });
  const body = (res.status === 204 ? undefined : await res.json()) as { detail?: string } | undefined;
  if (res.status === 401) {
    unauthorized();
    throw new Error(t('loginFailed'));
  }
  if (!res.ok) throw new Error(body?.detail ?? `HTTP ${res.status}`);
  return body as T;
}

/** A public taxonomy call; throws an Error with the problem's detail when the answer is not 2xx. */
async function publicGet<T>(path: string, query: Record<string, string>): Promise<T> {
  const res = await fetch(`${path}?${new URLSearchParams(query).toString()}`);
  const body = (await res.json()) as T & { detail?: string };
  if (!res.ok) throw new Error(body.detail ?? `HTTP ${res.status}`);
  return body;
}

/** GET /api/skills (public): skills by Dutch or English label, and whether any matched. */
export const findSkills = (q: string, lang: Lang) =>
  publicGet<{ outcome: SearchOutcome; skills: SkillHit[] }>('/api/skills', { q, lang, limit: '10' });

/** GET /api/occupations (public): ESCO occupations by Dutch or English label. */
export const findOccupations = (q: string, lang: Lang) =>
  publicGet<{ outcome: SearchOutcome; occupations: OccupationHit[] }>('/api/occupations', {
    q,
    lang,
    limit: '10',
  });

/** GET /api/occupations/skills (public): an occupation's essential and optional skills. */
export const occupationSkills = (uri: string) =>
  publicGet<OccupationSkills>('/api/occupations/skills', { uri });

/** GET /api/employer: who the API key belongs to. */
export const getEmployer = () => api<{ id: string; name: string }>('/api/employer');

/** POST /api/requests: the request stays open `expiresInSeconds`. */
export const createRequest = (
  title: string,
  skills: RequestedSkill[],
  expiresInSeconds: number,
  askForName = false,
) =>
  api<RequestView>('/api/requests', {
    method: 'POST',
    body: JSON.stringify({ title, skills, expiresInSeconds, ...(askForName ? { askForName } : {}) }),
  });

/**
 * POST /api/vacancies: publishes the skills query as a public vacancy link (open 30 days); each
 * request a candidate's wallet makes from it stays open `expiresInSeconds`.
 */
export const publishVacancy = (
  title: string,
  skills: RequestedSkill[],
  expiresInSeconds: number,
  askForName = false,
) =>
  api<VacancyView>('/api/vacancies', {
    method: 'POST',
    body: JSON.stringify({ title, skills, expiresInSeconds, ...(askForName ? { askForName } : {}) }),
  });

/** GET /api/vacancies: the employer's vacancies, newest first. */
export const listVacancies = async () =>
  (await api<{ vacancies: VacancyView[] }>('/api/vacancies')).vacancies;

/** DELETE /api/vacancies/:id: withdraws a vacancy. */
export const withdrawVacancy = (id: string) =>
  api<undefined>(`/api/vacancies/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** GET /api/requests/:id */
export const getRequest = (id: string) => api<RequestView>(`/api/requests/${encodeURIComponent(id)}`);

/** GET /api/requests: the employer's requests, newest first. */
export const listRequests = async () => (await api<{ requests: RequestView[] }>('/api/requests')).requests;
