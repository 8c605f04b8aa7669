// Replaces @skills-passport/core's schema registry with validators precompiled at build time (ajv
// "standalone" code). ajv normally compiles schemas at run time with `new Function`, which a strict
// Content-Security-Policy (no 'unsafe-eval') forbids; precompiled, validation runs under it unchanged.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const REGISTRY =
  /[\\/]core[\\/](src[\\/]validation[\\/]schema-registry\.ts|dist[\\/]validation[\\/]schema-registry\.js)$/;
const TYPES = {
  EVCCredential: 'evc-credential.schema.json',
  ModuleCredential: 'module-credential.schema.json',
  WorkplaceLearningCredential: 'workplace-learning-credential.schema.json',
};

/** Builds the replacement module's source: the same exports as schema-registry.ts. */
export function precompiledRegistrySource(coreDir) {
  const requireFromCore = createRequire(join(coreDir, 'package.json'));
  const { Ajv2020 } = requireFromCore('ajv/dist/2020.js');
  const standaloneCode = requireFromCore('ajv/dist/standalone/index.js').default;
  const ajvFormats = requireFromCore('ajv-formats').default;
  const schemasDir = dirname(requireFromCore.resolve('@skills-passport/schemas/package.json'));
  const read = (file) => JSON.parse(readFileSync(join(schemasDir, file), 'utf8'));

  // Same options as packages/core/src/validation/schema-registry.ts, plus standalone ESM output.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTuples: false,
    strictRequired: false,
    verbose: true,
    code: { source: true, esm: true },
  });
  ajvFormats(ajv, ['date-time', 'uri', 'email']);
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addSchema(read('common.schema.json'));
  const ids = {};
  for (const [type, file] of Object.entries(TYPES)) {
    const schema = read(file);
    ajv.addSchema(schema);
    ids[type] = schema.$id;
  }
  let code = standaloneCode(ajv, ids);
  // Standalone ESM still reaches ajv's runtime helpers with require(); turn those into imports.
  const imports = new Map();
  code = code.replace(/require\("([^"]+)"\)/g, (_, spec) => {
    if (!imports.has(spec)) imports.set(spec, `__ajv_runtime_${imports.size}`);
    return imports.get(spec);
  });
  code = code.replace(/^"use strict";/, '');
  const header = [...imports].map(([spec, name]) => `import * as ${name} from ${JSON.stringify(spec)};`);
  const schemaImports = Object.entries(TYPES).map(
    ([type, file]) => `import ${type}Schema from '@skills-passport/schemas/${file}';`,
  );
  return [
    ...header,
    `import commonSchema from '@skills-passport/schemas/common.schema.json';`,
    ...schemaImports,
    code,
    `export const CREDENTIAL_SCHEMAS = { ${Object.keys(TYPES)
      .map((t) => `${t}: ${t}Schema`)
      .join(', ')} };`,
    'export const COMMON_SCHEMA = commonSchema;',
    `const compiled = Object.freeze({ ${Object.keys(TYPES).join(', ')} });`,
    'export function credentialValidators() { return compiled; }',
  ].join('\n');
}

/** Vite plugin: serve the precompiled registry wherever core's registry module is loaded. */
export function precompiledSchemas({ coreDir }) {
  let source;
  return {
    name: 'skills-passport-precompiled-schemas',
    enforce: 'pre',
    load(id) {
      if (!REGISTRY.test(id.split('?')[0])) return null;
      source ??= precompiledRegistrySource(coreDir);
      return { code: source, map: null };
    },
  };
}
