// Node only, and not reachable from the package's main entry (the browser wallet bundles that):
// import it as `@skills-passport/core/full-esco`.
import { SkillsPassportError } from '../errors.js';
import { readEscoLean, type Esco } from './esco-lean.js';

/** The vendored ESCO v1.2 (all skills and occupations, Dutch and English), beside `src` and `dist` alike. */
export const FULL_ESCO_FILE = new URL('../../data/esco/esco-v1.2.json.gz', import.meta.url);

// Core compiles without Node's types, so browser code cannot lean on them by accident; these Node
// calls are reached through narrow views. The specifiers are variables so the compiler does not
// look up Node's declarations for them.
const NODE_FS: string = 'node:fs/promises';
const NODE_ZLIB: string = 'node:zlib';
interface NodeFsPromises {
  readFile(path: URL): Promise<Uint8Array>;
}
interface NodeZlib {
  gunzipSync(data: Uint8Array): { toString(encoding: 'utf8'): string };
}

/**
 * Loads the whole ESCO v1.2 shipped in `packages/core/data/esco` (see its SOURCES.md): 13,939
 * skills and 3,039 occupations with their essential and optional skills. On a two-core machine it
 * costs 0.2 to 0.3 s and about 20 MB of heap, and the first search another 0.3 s and 35 MB (the
 * label index): load it once per process and share it. Throws `ERR_TAXONOMY_FORMAT` for a broken
 * file.
 */
export async function loadFullEsco(file: URL = FULL_ESCO_FILE): Promise<Esco> {
  const fs = (await import(NODE_FS)) as NodeFsPromises;
  const zlib = (await import(NODE_ZLIB)) as NodeZlib;
  const bytes = await fs.readFile(file);
  // zlib, not the DecompressionStream escoFromGzip uses: about three times faster here.
  let parsed: unknown;
  try {
    parsed = JSON.parse(zlib.gunzipSync(bytes).toString('utf8'));
  } catch (cause) {
    throw new SkillsPassportError('ERR_TAXONOMY_FORMAT', `${file.pathname} is not gzipped JSON.`, { cause });
  }
  return readEscoLean(parsed);
}
