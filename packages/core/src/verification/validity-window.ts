/** Where a moment falls relative to a credential's validity period. */
export type ValidityVerdict = 'valid' | 'not_yet_valid' | 'expired';

/** The inputs of {@link validityWindow}, all in seconds since the epoch. */
export interface ValidityWindowInput {
  now: number;
  notBefore?: number;
  expires?: number;
  /** Tolerated clock difference between issuer and verifier; default 60 s. */
  skewSeconds?: number;
}

/** Default tolerated clock difference between machines, in seconds. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/**
 * Whether `now` falls inside [`notBefore`, `expires`) widened by the clock skew on both sides.
 * A credential is still valid at `expires - 1 + skew` and expired from `expires + skew` on.
 */
export function validityWindow(input: ValidityWindowInput): ValidityVerdict {
  const skew = input.skewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  if (input.notBefore !== undefined && input.now + skew < input.notBefore) return 'not_yet_valid';
  if (input.expires !== undefined && input.now - skew >= input.expires) return 'expired';
  return 'valid';
}
