// Replaces @skills-passport/core's schema registries (ours, and 1EdTech's Open Badges schema, which
// core's verification pipeline reads another issuer's badge with) by validators precompiled at
// build time (ajv "standalone" code). ajv normally compiles schemas at run time with `new
// Function`, which a strict Content-Security-Policy (no 'unsafe-eval') forbids; precompiled,
// validation runs under it unchanged.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REGISTRY =
  /[\\/]core[\\/](src[\\/]validation[\\/]schema-registry\.ts|dist[\\/]validation[\\/]schema-registry\.js)$/;
const OB_REGISTRY =
  /[\\/]core[\\/](src[\\/]open-badges[\\/]ob-schema-registry\.ts|dist[\\/]open-badges[\\/]ob-schema-registry\.js)$/;
const OB_SCHEMA = 'open-badges/ob-v3p0-achievementcredential.schema.json';
const TYPES = {
  EVCCredential: 'evc-credential.schema.json',
  ModuleCredential: 'module-credential.schema.json',
  WorkplaceLearningCredential: 'workplace-learning-credential.schema.json',
  DevelopmentPlanCredential: 'development-plan-credential.schema.json',
};

/**
 * Core's ajv set-up (options, formats, keywords) for a family of schemas, from the data file core
 * compiles with at run time: the precompiled validators and core's can never differ. `code` adds
 * standalone ESM output.
 */
function ajvFor(coreDir, AjvClass, ajvFormats, family) {
  const setup = JSON.parse(readFileSync(join(coreDir, 'src/validation/ajv-setup.json'), 'utf8'))[family];
  const ajv = new AjvClass({ ...setup.options, code: { source: true, esm: true } });
  for (const { mode, formats } of setup.formats) ajvFormats(ajv, { mode, formats });
  for (const { keyword, schemaType } of setup.keywords) ajv.addKeyword({ keyword, schemaType });
  return ajv;
}

/** Standalone ESM still reaches ajv's runtime helpers with require(); turns those into imports. */
function asEsm(code) {
  const imports = new Map();
  const body = code
    .replace(/require\("([^"]+)"\)/g, (_, spec) => {
      if (!imports.has(spec)) imports.set(spec, `__ajv_runtime_${imports.size}`);
      return imports.get(spec);
    })
    .replace(/^"use strict";/, '');
  return [...[...imports].map(([spec, name]) => `import * as ${name} from ${JSON.stringify(spec)};`), body];
}

/** Builds the replacement of ob-schema-registry.ts: the same exports, the validator precompiled. */
export function precompiledOpenBadgeSource(coreDir) {
  const requireFromCore = createRequire(join(coreDir, 'package.json'));
  const { Ajv2019 } = requireFromCore('ajv/dist/2019.js');
  const standaloneCode = requireFromCore('ajv/dist/standalone/index.js').default;
  const ajvFormats = requireFromCore('ajv-formats').default;
  const schemasDir = dirname(requireFromCore.resolve('@skills-passport/schemas/package.json'));
  const schema = JSON.parse(readFileSync(join(schemasDir, OB_SCHEMA), 'utf8'));
  const ajv = ajvFor(coreDir, Ajv2019, ajvFormats, 'openBadge');
  const validate = ajv.compile(schema);
  return [
    ...asEsm(standaloneCode(ajv, validate)),
    `import achievementCredentialSchema from '@skills-passport/schemas/${OB_SCHEMA}';`,
    'export const OPEN_BADGE_SCHEMA = achievementCredentialSchema;',
    'export function openBadgeValidator() { return validate; }',
  ].join('\n');
}

/** Builds the replacement module's source: the same exports as schema-registry.ts. */
export function precompiledRegistrySource(coreDir) {
  const requireFromCore = createRequire(join(coreDir, 'package.json'));
  const { Ajv2020 } = requireFromCore('ajv/dist/2020.js');
  const standaloneCode = requireFromCore('ajv/dist/standalone/index.js').default;
  const ajvFormats = requireFromCore('ajv-formats').default;
  const schemasDir = dirname(requireFromCore.resolve('@skills-passport/schemas/package.json'));
  const read = (file) => JSON.parse(readFileSync(join(schemasDir, file), 'utf8'));

  const ajv = ajvFor(coreDir, Ajv2020, ajvFormats, 'credential');
  ajv.addSchema(read('common.schema.json'));
  const ids = {};
  for (const [type, file] of Object.entries(TYPES)) {
    const schema = read(file);
    ajv.addSchema(schema);
    ids[type] = schema.$id;
  }
  const schemaImports = Object.entries(TYPES).map(
    ([type, file]) => `import ${type}Schema from '@skills-passport/schemas/${file}';`,
  );
  return [
    `import commonSchema from '@skills-passport/schemas/common.schema.json';`,
    ...schemaImports,
    ...asEsm(standaloneCode(ajv, ids)),
    `export const CREDENTIAL_SCHEMAS = { ${Object.keys(TYPES)
      .map((t) => `${t}: ${t}Schema`)
      .join(', ')} };`,
    'export const COMMON_SCHEMA = commonSchema;',
    `const compiled = Object.freeze({ ${Object.keys(TYPES).join(', ')} });`,
    'export function credentialValidators() { return compiled; }',
  ].join('\n');
}

/** Vite plugin: serve the precompiled registries wherever core's registry modules are loaded. */
export function precompiledSchemas({ coreDir }) {
  let source;
  let openBadges;
  return {
    name: 'skills-passport-precompiled-schemas',
    enforce: 'pre',
    load(id) {
      const path = id.split('?')[0];
      if (REGISTRY.test(path)) {
        source ??= precompiledRegistrySource(coreDir);
        return { code: source, map: null };
      }
      if (OB_REGISTRY.test(path)) {
        openBadges ??= precompiledOpenBadgeSource(coreDir);
        return { code: openBadges, map: null };
      }
      return null;
    },
  };
}
