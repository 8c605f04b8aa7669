import { existsSync, readdirSync } from 'node:fs';

/**
 * Offer e-mails in the issuers' outboxes (`<data dir>/outbox/*.eml`). Every credential the bench
 * issues has an e-mail address, so the issuer sends its offer by mail after the response; under
 * load that work can fall behind and land in the next round (another deployment's, on a shared
 * database). A round therefore ends when its mails are out.
 */
export function mailsIn(outboxes: readonly string[]): number {
  return outboxes.reduce(
    (sum, dir) =>
      sum + (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.eml')).length : 0),
    0,
  );
}

/** Waits until the outboxes hold at least `expected` mails; fails after `timeoutMs`. */
export async function mailsOut(
  outboxes: readonly string[],
  expected: number,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (let count = mailsIn(outboxes); count < expected; count = mailsIn(outboxes)) {
    if (performance.now() > deadline)
      throw new Error(`offer e-mails: ${count} of ${expected} in the outbox after ${timeoutMs / 1000} s`);
    // Not more often: listing a directory of thousands of mails costs the load generator CPU.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
