#!/usr/bin/env node
// Starts the Skills Passport platform on its embedded default: SQLite files under ./data.
// So far the platform is its credential model: this checks the schemas and the skills seed and
// says what is there. The issuer, verifier and wallet join here as they land.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CREDENTIAL_TYPE_INFO,
  demoOccupations,
  demoTaxonomy,
  validateCredential,
} from '@skills-passport/core';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'data'), { recursive: true });

const examplesDir = join(root, 'schemas/examples');
let okCount = 0;
for (const folder of readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
  for (const file of readdirSync(join(examplesDir, folder.name)).filter((f) => f.endsWith('-ok.json'))) {
    const result = validateCredential(JSON.parse(readFileSync(join(examplesDir, folder.name, file), 'utf8')));
    if (!result.valid) throw new Error(`schemas/examples/${folder.name}/${file} no longer validates`);
    okCount += 1;
  }
}

const taxonomy = demoTaxonomy();
console.log('Skills Passport');
console.log(
  `  credential types: ${Object.values(CREDENTIAL_TYPE_INFO)
    .map((t) => `${t.name} (${t.label.en})`)
    .join(', ')}`,
);
console.log(`  schemas: schemas/*.schema.json, ${okCount} valid examples checked`);
console.log(
  `  skills seed: ${taxonomy.size} ESCO skills, occupations: ${demoOccupations()
    .map((o) => o.labels.en)
    .join(', ')}`,
);
console.log(`  data directory: ${join(root, 'data')}`);
console.log('  This service uses the ESCO classification of the European Commission.');
