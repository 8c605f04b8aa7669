import { COMMON_STATUS, type StatusTable } from '@skills-passport/service-kit';

/** The verifier's code -> HTTP status table: the only place its error codes meet HTTP. */
export const VERIFIER_STATUS = {
  ...COMMON_STATUS,
  ERR_UNKNOWN_SKILL: 422,
  ERR_REQUEST_EXPIRED: 410,
  ERR_REQUEST_ALREADY_ANSWERED: 410,
} as const satisfies StatusTable;

export const VERIFIER_TITLES = {
  ERR_UNKNOWN_SKILL: 'Unknown skill',
  ERR_REQUEST_EXPIRED: 'The request has expired',
  ERR_REQUEST_ALREADY_ANSWERED: 'The request has been answered',
} as const;
