import type { SkillTaxonomy } from '@skills-passport/core';
import type { LiveStatus } from '../verify/live-status.js';
import type { KeyringRecord, PassportEntry, WalletDb } from '../store/db.js';
import type { SharePreset } from './self-declared-view.js';

/** What every view needs: storage, the holder key, the skills taxonomy and navigation. */
export interface WalletContext {
  db: WalletDb;
  keyring: KeyringRecord;
  taxonomy: SkillTaxonomy;
  /** Live statuses computed during this visit, by credential id. */
  statuses: Map<string, LiveStatus>;
  navigate(route: string): void;
  /**
   * Opens a request link (`openid4vp://…`) on the share screen, as if the wallet was opened with
   * it; `preset` ticks what the learner already chose (an EVC intake's portfolio).
   */
  openRequest(link: string, preset?: SharePreset): void;
  /** Announces a short message politely to screen readers and shows it in the page's status area. */
  announce(message: string): void;
  /** Re-renders the current view (after a language switch, a restore ...). */
  refresh(): void;
  /** Whether the browser granted persistent storage (asked at start, answered when it answers). */
  persisted: Promise<boolean>;
  /**
   * The credentials as read at start-up, for the first passport screen (read while the rest of
   * the wallet starts); taken once.
   */
  initialCredentials?: Promise<PassportEntry[]>;
}
