import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import commonSchema from '@skills-passport/schemas/common.schema.json' with { type: 'json' };
import evcSchema from '@skills-passport/schemas/evc-credential.schema.json' with { type: 'json' };
import moduleSchema from '@skills-passport/schemas/module-credential.schema.json' with { type: 'json' };
import workplaceSchema from '@skills-passport/schemas/workplace-learning-credential.schema.json' with { type: 'json' };
import type { CredentialTypeName } from '../credential-types.js';

/** The JSON Schema documents of each credential type, as shipped in `schemas/`. */
export const CREDENTIAL_SCHEMAS: Readonly<Record<CredentialTypeName, object>> = {
  EVCCredential: evcSchema,
  ModuleCredential: moduleSchema,
  WorkplaceLearningCredential: workplaceSchema,
};

/** The shared definitions every type schema refers to. */
export const COMMON_SCHEMA: object = commonSchema;

let compiled: Readonly<Record<CredentialTypeName, ValidateFunction>> | undefined;

/**
 * Compiles every type schema once per process (compilation costs milliseconds; validation
 * microseconds) and returns the validators.
 */
export function credentialValidators(): Readonly<Record<CredentialTypeName, ValidateFunction>> {
  if (compiled === undefined) {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      // The @context list fixes its first entry and leaves the rest open on purpose.
      strictTuples: false,
      // if/then branches require properties their parent declares.
      strictRequired: false,
      verbose: true,
    });
    // ajv-formats is CommonJS; its plugin is both module.exports and .default. Dates are checked
    // to the day (`full`); a URI by its scheme and no whitespace (`fast`): the full RFC 3986
    // expression was an eighth of validation time, and the URIs that matter (ESCO, CompetentNL,
    // DIDs) have patterns of their own in the schemas.
    ajvFormats.default(ajv, { mode: 'full', formats: ['date-time', 'email'] });
    ajvFormats.default(ajv, { mode: 'fast', formats: ['uri'] });
    // Our own annotation: the expected form, in plain words, used in error messages.
    ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
    ajv.addSchema(commonSchema);
    compiled = Object.freeze({
      EVCCredential: ajv.compile(evcSchema),
      ModuleCredential: ajv.compile(moduleSchema),
      WorkplaceLearningCredential: ajv.compile(workplaceSchema),
    });
  }
  return compiled;
}
