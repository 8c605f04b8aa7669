// Who is signed in (GET /api/me), for the parts of the page that show or use it.
import type { Me } from './api-types.js';

let me: Me | null = null;

export function account(): Me | null {
  return me;
}

export function setAccount(next: Me | null): void {
  me = next;
}
