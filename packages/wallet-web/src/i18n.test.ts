import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '@skills-passport/core';
import { WALLET_ONLY_CODES, type WalletErrorCode } from './errors.js';
import { errorMessage, formatCalendarDate, plural, setLang } from './i18n.js';

/** Every code the wallet's own code can show a learner (thrown as a WalletError, made by refusal.ts's `coded` / `plain`, or set as data-code). */
function codesUsed(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'test-support') walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(
          /(?:WalletError|coded|plain)\(\s*'(ERR_[A-Z_]+)'|'data-code': '(ERR_[A-Z_]+)'|unreachable: '(ERR_[A-Z_]+)'|\b(ERR_OFFER_REDEEMED|ERR_OFFER_EXPIRED|ERR_OFFER_WITHDRAWN|ERR_REQUEST_EXPIRED|ERR_REQUEST_ALREADY_ANSWERED|ERR_CREDENTIAL_REVOKED|ERR_CREDENTIAL_SUSPENDED)\b/g,
        )) {
          codes.add(m[1] ?? m[2] ?? m[3] ?? m[4]!);
        }
      }
    }
  };
  walk(import.meta.dirname);
  return codes;
}

describe('error messages', () => {
  const codes = [...codesUsed()];

  it('finds the codes the wallet uses', () => {
    expect(codes).toEqual(
      expect.arrayContaining(['ERR_SIGNATURE_INVALID', 'ERR_CLIENT_ID_MISMATCH', 'ERR_BACKUP_PASSPHRASE']),
    );
  });

  it.each(['en', 'nl'] as const)(
    'has a plain-language message in %s for every code the wallet uses',
    (lang) => {
      const fallback = errorMessage('ERR_INTERNAL', lang);
      const missing = codes.filter(
        (code) => errorMessage(code as ErrorCode, lang) === fallback && code !== 'ERR_INTERNAL',
      );
      expect(missing).toEqual([]);
    },
  );
});

describe('words that say what happened', () => {
  it.each(['en', 'nl'] as const)('has its own message in %s for every code only the wallet gives', (lang) => {
    const fallback = errorMessage('ERR_INTERNAL', lang);
    for (const code of WALLET_ONLY_CODES)
      expect([code, errorMessage(code, lang)]).not.toEqual([code, fallback]);
  });

  // Each failure the learner meets, and what the wallet used to say for it: never the same words.
  it.each([
    ['ERR_OFFER_UNKNOWN', 'ERR_ISSUER_UNREACHABLE'],
    ['ERR_OFFER_WITHDRAWN', 'ERR_OFFER_EXPIRED'],
    ['ERR_REQUEST_UNKNOWN', 'ERR_VERIFIER_UNREACHABLE'],
    ['ERR_REQUEST_EXPIRED', 'ERR_VERIFIER_UNREACHABLE'],
    ['ERR_REQUEST_ALREADY_ANSWERED', 'ERR_VERIFIER_UNREACHABLE'],
    ['ERR_REQUEST_CLOSED', 'ERR_VERIFIER_UNREACHABLE'],
    ['ERR_PIN_REQUIRED', 'ERR_CREDENTIAL_JWT_INVALID'],
  ] as [WalletErrorCode, WalletErrorCode][])('%s is not told as %s, in either language', (code, was) => {
    for (const lang of ['en', 'nl'] as const)
      expect(errorMessage(code, lang)).not.toBe(errorMessage(was, lang));
  });
});

describe('counts', () => {
  it.each([
    ['en', 'skillCount', 1, '1 skill'],
    ['en', 'skillCount', 2, '2 skills'],
    ['en', 'skillCount', 0, '0 skills'],
    ['nl', 'skillCount', 1, '1 vaardigheid'],
    ['nl', 'skillCount', 2, '2 vaardigheden'],
    ['en', 'credentialCount', 1, '1 credential'],
    ['nl', 'credentialCount', 1, '1 bewijs'],
    ['nl', 'credentialCount', 5, '5 bewijzen'],
    ['en', 'otherSkills', 1, '1 other skill'],
    ['nl', 'otherSkills', 4, '4 andere vaardigheden'],
    ['en', 'hours', 1, '1 hour'],
    ['en', 'hours', 40, '40 hours'],
    ['nl', 'hours', 1, '1 uur'],
  ] as const)('%s: %s of %d is "%s"', (lang, base, count, text) => {
    setLang(lang);
    expect(plural(base, count)).toBe(text);
    setLang('en');
  });
});

describe('the restore question', () => {
  it.each([
    ['en', 1, 'This wallet holds 1 credential. Restoring replaces it,'],
    ['en', 6, 'This wallet holds 6 credentials. Restoring replaces them,'],
    ['nl', 1, 'Deze wallet bevat 1 bewijs. Terugzetten vervangt het,'],
    ['nl', 6, 'Deze wallet bevat 6 bewijzen. Terugzetten vervangt ze,'],
  ] as const)('%s, %d held: "%s …"', (lang, count, start) => {
    setLang(lang);
    expect(plural('restoreConfirmText', count).startsWith(start)).toBe(true);
    setLang('en');
  });
});

describe('dates an issuer wrote', () => {
  // Between them, these two moments fall on another local day in every time zone (UTC-12 to
  // UTC+14), so the test holds wherever it runs: converted to this device's zone, one of them moves.
  it.each(['2026-11-26T00:00:00+14:00', '2026-11-26T23:59:00-12:00', '2026-11-26'])(
    'shows %s as the calendar day written, in any time zone',
    (value) => {
      setLang('en');
      expect(formatCalendarDate(value)).toBe('26 November 2026');
      setLang('nl');
      expect(formatCalendarDate(value)).toBe('26 november 2026');
      setLang('en');
    },
  );
});
