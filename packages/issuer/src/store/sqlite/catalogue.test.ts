import { describe } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogueContract } from '../contract/catalogue.contract.js';
import type { OpenStorage } from '../contract/fixtures.js';
import { openSqliteStorage } from './sqlite-storage.js';

// The catalogue store's contract on the SQLite adapter: a real file in a temp dir for every case.
const openSqlite: OpenStorage = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-catalogue-'));
  const storage = await openSqliteStorage(join(dir, 'issuer.sqlite'));
  return {
    storage,
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describe('SQLite adapter: module catalogues', () => catalogueContract(openSqlite));
