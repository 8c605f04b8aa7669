import type { Request } from 'express';

/** The bearer token of a request, if its Authorization header carries one (printable, at most 512). */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header === undefined ? null : /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  return match?.[1];
}
