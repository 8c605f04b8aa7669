import { OccupationIndex, type Esco } from '@skills-passport/core';
import { escoFromAssetBytes } from './esco-bytes.js';
// The whole ESCO v1.2 as core ships it (2.2 MB gzip): a static asset of the wallet's own origin,
// fetched only when the career check opens, and unzipped in the browser (or by it).
import escoUrl from '@skills-passport/core/data/esco/esco-v1.2.json.gz?url';

/** The whole ESCO and its occupations indexed by essential skill, built once per visit. */
export interface CareerData {
  esco: Esco;
  index: OccupationIndex;
}

let loading: Promise<CareerData> | undefined;

/** Loads the whole ESCO from the wallet's own assets (once); nothing else is fetched. */
export function careerData(): Promise<CareerData> {
  loading ??= (async () => {
    const start = performance.now();
    const response = await fetch(escoUrl);
    if (!response.ok) throw new Error(`ESCO asset: HTTP ${response.status}`);
    const esco = await escoFromAssetBytes(new Uint8Array(await response.arrayBuffer()));
    const data = { esco, index: new OccupationIndex(esco.occupations) };
    // A User Timing entry for tests and DevTools: fetching, unzipping, reading and indexing.
    performance.measure('career-esco-load', { start, end: performance.now() });
    return data;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
