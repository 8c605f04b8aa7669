import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { AJV_SETUP, applyAjvSetup } from './ajv-setup.js';
import commonSchema from '@skills-passport/schemas/common.schema.json' with { type: 'json' };
import evcSchema from '@skills-passport/schemas/evc-credential.schema.json' with { type: 'json' };
import moduleSchema from '@skills-passport/schemas/module-credential.schema.json' with { type: 'json' };
import workplaceSchema from '@skills-passport/schemas/workplace-learning-credential.schema.json' with { type: 'json' };
import developmentPlanSchema from '@skills-passport/schemas/development-plan-credential.schema.json' with { type: 'json' };
import type { CredentialTypeName } from '../credential-types.js';

/** The JSON Schema documents of each credential type, as shipped in `schemas/`. */
export const CREDENTIAL_SCHEMAS: Readonly<Record<CredentialTypeName, object>> = {
  EVCCredential: evcSchema,
  ModuleCredential: moduleSchema,
  WorkplaceLearningCredential: workplaceSchema,
  DevelopmentPlanCredential: developmentPlanSchema,
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
    // The options, formats and keywords are in ajv-setup.json, which the wallet's build reads too
    // (it precompiles these validators): the two can never differ. @context lists fix their first
    // entry and leave the rest open on purpose (strictTuples off); if/then branches require
    // properties their parent declares (strictRequired off). Dates are checked to the day (`full`);
    // a URI by its scheme and no whitespace (`fast`): the full RFC 3986 expression was an eighth of
    // validation time, and the URIs that matter (ESCO, CompetentNL, DIDs) have patterns of their
    // own in the schemas. `x-expected` is our annotation: the expected form in plain words, for
    // error messages.
    const ajv = new Ajv2020(AJV_SETUP.credential.options);
    applyAjvSetup(ajv, AJV_SETUP.credential);
    ajv.addSchema(commonSchema);
    compiled = Object.freeze({
      EVCCredential: ajv.compile(evcSchema),
      ModuleCredential: ajv.compile(moduleSchema),
      WorkplaceLearningCredential: ajv.compile(workplaceSchema),
      DevelopmentPlanCredential: ajv.compile(developmentPlanSchema),
    });
  }
  return compiled;
}
