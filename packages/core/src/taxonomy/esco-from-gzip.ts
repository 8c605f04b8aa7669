import { SkillsPassportError } from '../errors.js';
import { utf8Decode } from '../verification/bytes.js';
import { transform } from '../verification/status-list.js';
import { readEscoLean, type Esco } from './esco-lean.js';

// The lean ESCO v1.2 file unzips to about 8 MB; room to grow, yet a bound on a file from elsewhere.
const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/**
 * Builds ESCO from the gzipped lean file's bytes (`data/esco/esco-v1.2.json.gz`). Browser-safe:
 * unzips with the runtime's `DecompressionStream` (browsers, Node 20). Throws `ERR_TAXONOMY_FORMAT`
 * when the bytes are not such a file.
 */
export async function escoFromGzip(bytes: Uint8Array): Promise<Esco> {
  const unzipped = await transform('DecompressionStream', bytes, MAX_UNZIPPED_BYTES);
  const json = typeof unzipped === 'string' ? undefined : utf8Decode(unzipped);
  if (json === undefined) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', 'The ESCO file is not gzipped UTF-8 text.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', 'The ESCO file is not JSON.', { cause });
  }
  return readEscoLean(parsed);
}
