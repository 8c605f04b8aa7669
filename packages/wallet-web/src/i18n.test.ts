import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '@skills-passport/core';
import { errorMessage, formatCalendarDate, setLang } from './i18n.js';

/** Every code the wallet's own code can show a learner (thrown as a WalletError, made by refusal.ts's `coded` / `plain`, or set as data-code). */
function codesUsed(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'test-support') walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(
          /(?:WalletError|coded|plain)\(\s*'(ERR_[A-Z_]+)'|'data-code': '(ERR_[A-Z_]+)'|unreachable: '(ERR_[A-Z_]+)'|\b(ERR_OFFER_REDEEMED|ERR_OFFER_EXPIRED|ERR_CREDENTIAL_REVOKED|ERR_CREDENTIAL_SUSPENDED)\b/g,
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
