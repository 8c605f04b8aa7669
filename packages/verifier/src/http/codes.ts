import { COMMON_STATUS, type StatusTable } from '@skills-passport/service-kit';

/** The verifier's code -> HTTP status table: the only place its error codes meet HTTP. */
export const VERIFIER_STATUS = {
  ...COMMON_STATUS,
  ERR_UNKNOWN_SKILL: 422,
  ERR_REQUEST_EXPIRED: 410,
  ERR_REQUEST_ALREADY_ANSWERED: 410,
  ERR_PUBLICATION_INVALID: 422,
  ERR_PUBLICATION_UNKNOWN: 404,
  ERR_PUBLICATION_WITHDRAWN: 410,
  ERR_VACANCY_UNKNOWN: 404,
  ERR_VACANCY_WITHDRAWN: 410,
  ERR_FORBIDDEN: 403,
} as const satisfies StatusTable;

export const VERIFIER_TITLES = {
  ERR_UNKNOWN_SKILL: 'Unknown skill',
  ERR_REQUEST_EXPIRED: 'The request has expired',
  ERR_REQUEST_ALREADY_ANSWERED: 'The request has been answered',
  ERR_PUBLICATION_INVALID: 'A credential cannot be published',
  ERR_PUBLICATION_UNKNOWN: 'No such publication',
  ERR_PUBLICATION_WITHDRAWN: 'The publication was withdrawn or has expired',
  ERR_VACANCY_UNKNOWN: 'No such vacancy',
  ERR_VACANCY_WITHDRAWN: 'The vacancy was withdrawn or has expired',
  ERR_FORBIDDEN: 'Not allowed',
} as const;
