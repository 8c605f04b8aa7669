import { SDJwtInstance } from '@sd-jwt/core';
import { sdHasher, sdSalt } from './issue.js';
import type { ClaimPath } from './layout.js';
import type { JwsSigner } from './signer.js';

type Frame = { [member: string]: Frame | true };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The presentation frame (`@sd-jwt/*`'s form: `true` at each claim to disclose) for claims paths
 * as DCQL names them; `null` stands for every element of an array, read off `claims` (the
 * holder's full claims). A path that leads nowhere adds nothing.
 */
export function presentationFrame(claims: Record<string, unknown>, paths: readonly ClaimPath[]): Frame {
  const frame: Frame = {};
  const add = (node: Frame, value: unknown, path: ClaimPath): void => {
    const [head, ...rest] = path;
    if (head === undefined) return;
    const keys: (string | number)[] =
      head === null ? (Array.isArray(value) ? value.map((_, i) => i) : []) : [head];
    for (const key of keys) {
      const child: unknown = Array.isArray(value)
        ? typeof key === 'number'
          ? value[key]
          : undefined
        : isObject(value)
          ? value[String(key)]
          : undefined;
      if (child === undefined) continue;
      const name = String(key);
      if (rest.length === 0) {
        node[name] = true;
        continue;
      }
      const existing = node[name];
      const next: Frame = existing === undefined || existing === true ? {} : existing;
      if (existing !== true) node[name] = next;
      add(next, child, rest);
    }
  };
  for (const path of paths) add(frame, claims, path);
  return frame;
}

/** What the Key Binding JWT of a presentation answers: the verifier's nonce and full client_id. */
export interface KeyBindingInput {
  nonce: string;
  audience: string;
  /** Seconds since the epoch. */
  issuedAt: number;
}

/**
 * A presentation of an SD-JWT VC that discloses exactly the claims at `paths` (and what they need
 * on the way), closed by a Key Binding JWT (`typ: kb+jwt`, `iat`, `aud`, `nonce`, `sd_hash`)
 * signed with the holder's key.
 */
export async function presentSdJwtVc(
  token: string,
  paths: readonly ClaimPath[],
  keyBinding: KeyBindingInput,
  holder: JwsSigner,
): Promise<string> {
  const instance = new SDJwtInstance({
    hasher: sdHasher,
    hashAlg: 'sha-256',
    saltGenerator: sdSalt,
    kbSignAlg: holder.alg,
    kbSigner: (data) => holder.sign(data),
  });
  const claims = await instance.getClaims(token);
  return instance.present(token, presentationFrame(claims as Record<string, unknown>, paths), {
    kb: { payload: { iat: keyBinding.issuedAt, aud: keyBinding.audience, nonce: keyBinding.nonce } },
  });
}

/** The holder's full claims of an SD-JWT VC it holds (every disclosure in place), unverified. */
export async function sdJwtClaims(token: string): Promise<Record<string, unknown>> {
  return (await new SDJwtInstance({ hasher: sdHasher }).getClaims(token)) as Record<string, unknown>;
}
