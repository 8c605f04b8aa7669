import { realpathSync } from 'node:fs';

/** The claims this process holds on one SQLite file: request id -> the token of its claim. */
interface FileClaims {
  readonly holders: Map<string, symbol>;
  /** Per turn name, the end of the last turn queued for it (see `inTurn`). */
  readonly turns: Map<string, Promise<unknown>>;
  handles: number;
}

/** Per SQLite file (by real path), the claims of every handle this process has open on it. */
const claimsByFile = new Map<string, FileClaims>();

/**
 * One handle's share of the claims this process holds on a SQLite file. One process owns a SQLite
 * file, so claims live in its memory and write nothing: a crash or a full disk cannot leave one
 * behind, and the database alone keeps a request to one answer. Every handle the process opens on
 * the same file sees the same claims; closing a handle ends the claims it took.
 */
export class ProcessClaims {
  readonly #key: string;
  readonly #file: FileClaims;
  /** The claims this handle took and has not let go. */
  readonly #mine = new Map<string, symbol>();
  #detached = false;

  private constructor(key: string, file: FileClaims) {
    this.#key = key;
    this.#file = file;
  }

  /** Joins the claims held on `path`, a SQLite file that exists. */
  static attach(path: string): ProcessClaims {
    const key = realpathSync(path);
    let file = claimsByFile.get(key);
    if (file === undefined) {
      file = { holders: new Map(), turns: new Map(), handles: 0 };
      claimsByFile.set(key, file);
    }
    file.handles += 1;
    return new ProcessClaims(key, file);
  }

  /** Takes the claim on a request; returns how to let go of it, or `undefined` when it is held. */
  take(requestId: string): (() => void) | undefined {
    if (this.#file.holders.has(requestId)) return undefined;
    const token = Symbol(requestId);
    this.#file.holders.set(requestId, token);
    this.#mine.set(requestId, token);
    return () => this.#letGo(requestId, token);
  }

  /**
   * Runs `work` once every turn queued before it under `name` on this file has ended, by any handle
   * of this process: the one process owning the file is the only one that can take a turn.
   */
  async inTurn<T>(name: string, work: () => Promise<T>): Promise<T> {
    const before = this.#file.turns.get(name) ?? Promise.resolve();
    const mine = before.then(work, work);
    const ended = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#file.turns.set(name, ended);
    try {
      return await mine;
    } finally {
      if (this.#file.turns.get(name) === ended) this.#file.turns.delete(name);
    }
  }

  #letGo(requestId: string, token: symbol): void {
    if (this.#file.holders.get(requestId) === token) this.#file.holders.delete(requestId);
    if (this.#mine.get(requestId) === token) this.#mine.delete(requestId);
  }

  /** Ends every claim of this handle and leaves the file's claims. */
  detach(): void {
    if (this.#detached) return;
    this.#detached = true;
    for (const [requestId, token] of this.#mine) this.#letGo(requestId, token);
    this.#file.handles -= 1;
    if (this.#file.handles === 0) claimsByFile.delete(this.#key);
  }
}
