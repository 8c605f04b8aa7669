// Types for the third-party JSON-LD and Data Integrity libraries the interoperability and
// differential tests run (they ship none). Only what the tests call, loosely typed on purpose.
declare module '@digitalcredentials/jsonld' {
  const jsonld: {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    toRDF(input: unknown, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
declare module '@digitalbazaar/vc' {
  export function issue(options: Record<string, unknown>): Promise<any>;
  export function verify(options: Record<string, unknown>): Promise<any>;
  export function verifyCredential(options: Record<string, unknown>): Promise<any>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Multikey {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): { algorithm: string; id: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    export(options: { publicKey: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Multikey>;
  export function from(key: Record<string, unknown>): Promise<Multikey>;
}
