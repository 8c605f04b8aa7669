// Node only, and not reachable from the package's main entry (the browser wallet bundles that):
// import it as `@skills-passport/core/full-esco`.
import { escoFromGzip } from './esco-from-gzip.js';
import type { Esco } from './esco-lean.js';

/** The vendored ESCO v1.2 (all skills and occupations, Dutch and English), beside `src` and `dist` alike. */
export const FULL_ESCO_FILE = new URL('../../data/esco/esco-v1.2.json.gz', import.meta.url);

// Core compiles without Node's types, so browser code cannot lean on them by accident; this one Node
// call is reached through a narrow view. The specifier is a variable so the compiler does not look
// up Node's declarations for it.
const NODE_FS: string = 'node:fs/promises';
interface NodeFsPromises {
  readFile(path: URL): Promise<Uint8Array>;
}

/**
 * Loads the whole ESCO v1.2 shipped in `packages/core/data/esco` (see its SOURCES.md): 13,939
 * skills and 3,039 occupations with their essential and optional skills. Takes a few hundred
 * milliseconds and about 100 MB of heap; load it once per process and share it.
 */
export async function loadFullEsco(file: URL = FULL_ESCO_FILE): Promise<Esco> {
  const fs = (await import(NODE_FS)) as NodeFsPromises;
  return escoFromGzip(await fs.readFile(file));
}
