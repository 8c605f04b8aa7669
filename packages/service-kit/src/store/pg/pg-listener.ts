import pg from 'pg';

/** What a {@link PgListener} tells its owner. */
export interface PgNotificationHandlers {
  /** A notification on the channel, with its payload (empty when none was sent). */
  notified(payload: string): void;
  /**
   * Listening has begun: the first time, and again after every reconnect. Notifications sent while
   * no connection listened are lost, so what was derived from earlier ones may be stale.
   */
  listening?(): void;
  /** The connection failed or was lost; the listener keeps trying to connect again. */
  failed?(error: Error): void;
}

export interface PgListenerOptions {
  url: string;
  connectTimeoutMs?: number;
  /** The first pause before connecting again, doubled after every failure up to `maxRetryMs`. */
  minRetryMs?: number;
  maxRetryMs?: number;
}

/** Listens on one channel over a connection of its own; see {@link PgDatabase.listen}. */
export class PgListener {
  #client: pg.Client | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #delay: number;
  #listening = false;

  constructor(
    private readonly channel: string,
    private readonly handlers: PgNotificationHandlers,
    private readonly options: PgListenerOptions,
  ) {
    this.#delay = options.minRetryMs ?? 100;
    void this.#connect();
  }

  /** Whether a connection listens right now. */
  get listening(): boolean {
    return this.#listening;
  }

  async #connect(): Promise<void> {
    this.#retry = undefined;
    if (this.#closed) return;
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
      // A server that vanished without closing the connection is noticed all the same.
      keepAlive: true,
    });
    this.#client = client;
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notified(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      this.#lost(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.#client !== client) return;
    this.#delay = this.options.minRetryMs ?? 100;
    this.#listening = true;
    this.handlers.listening?.();
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#listening = false;
    // A client that failed may still emit; unheard, an 'error' would end the process.
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.#closed) return;
    this.handlers.failed?.(error);
    this.#retry = setTimeout(() => void this.#connect(), this.#delay);
    this.#retry.unref();
    this.#delay = Math.min(this.#delay * 2, this.options.maxRetryMs ?? 5000);
  }

  /** Stops listening and closes the connection; never rejects. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    this.#listening = false;
    if (client === undefined) return;
    client.removeAllListeners();
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }
}
