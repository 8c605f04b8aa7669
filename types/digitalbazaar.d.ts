// Types for the JSON-LD and Data Integrity libraries we call that ship none: the issuer signs
// `ldp_vc` credentials with the @digitalbazaar ones; tests verify with them and compare with the
// unpatched jsonld fork. Only what we call. Referenced by path from each file that needs it.

/** What the libraries' document loaders return. */
interface ThirdPartyRemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}
type ThirdPartyDocumentLoader = (url: string) => Promise<ThirdPartyRemoteDocument>;

/** A verification result: `verified`, the error when not, and whatever else the library adds. */
interface ThirdPartyVerification {
  verified: boolean;
  error?: unknown;
  [member: string]: unknown;
}

declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: ThirdPartyDocumentLoader;
    now?: Date;
  }): Promise<Record<string, unknown> & { proof: Record<string, unknown> }>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: ThirdPartyDocumentLoader;
    checkStatus?: (options: Record<string, unknown>) => Promise<unknown>;
    now?: Date;
  }): Promise<ThirdPartyVerification>;
  export function signPresentation(options: {
    presentation: Record<string, unknown>;
    suite: unknown;
    documentLoader: ThirdPartyDocumentLoader;
    challenge: string;
    domain?: string;
  }): Promise<Record<string, unknown> & { proof: Record<string, unknown> }>;
  export function verify(options: Record<string, unknown>): Promise<
    ThirdPartyVerification & {
      presentationResult: ThirdPartyVerification;
      credentialResults: ThirdPartyVerification[];
    }
  >;
}
declare module '@digitalbazaar/data-integrity' {
  export interface DataIntegritySigner {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export class DataIntegrityProof {
    constructor(options: { signer?: DataIntegritySigner; cryptosuite: unknown; date?: Date | string });
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
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: Record<string, unknown>): Promise<unknown>;
}
declare module '@digitalcredentials/jsonld' {
  const jsonld: {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
    toRDF(input: unknown, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
