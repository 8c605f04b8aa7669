import type { Ajv, KeywordDefinition } from 'ajv';
import ajvFormats from 'ajv-formats';
import setup from './ajv-setup.json' with { type: 'json' };

/** How one family of schemas is compiled: ajv's options, then formats and keywords added. */
export interface AjvSetup {
  options: Record<string, boolean>;
  formats: { mode: 'full' | 'fast'; formats: string[] }[];
  /** Annotation keywords (no validation of their own), such as our `x-expected`. */
  keywords: { keyword: string; schemaType: KeywordDefinition['schemaType'] }[];
}

/**
 * The ajv set-up of our credential schemas and of 1EdTech's Open Badges schema, as data in
 * ajv-setup.json: core compiles with it at run time, and the wallet's build (which precompiles
 * the validators, see packages/wallet-web/build/precompiled-schemas.mjs) reads the same file.
 */
export const AJV_SETUP: Readonly<{ credential: AjvSetup; openBadge: AjvSetup }> = setup as {
  credential: AjvSetup;
  openBadge: AjvSetup;
};

/** Adds a set-up's formats and keywords to an ajv instance made with its options. */
export function applyAjvSetup(ajv: Ajv, { formats, keywords }: AjvSetup): void {
  // ajv-formats is CommonJS; its plugin is both module.exports and .default.
  for (const { mode, formats: names } of formats) ajvFormats.default(ajv, { mode, formats: names as never });
  for (const { keyword, schemaType } of keywords) ajv.addKeyword({ keyword, schemaType });
}
