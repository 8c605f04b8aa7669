/**
 * Named turns within this process: `take(name, body)` runs `body` once every earlier body under the
 * same name has settled, so bodies under one name never overlap; different names do not wait for
 * each other. Names nobody waits on are forgotten.
 */
export class Turns {
  readonly #tails = new Map<string, Promise<unknown>>();

  take<T>(name: string, body: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(name) ?? Promise.resolve();
    const mine = before.then(body, body);
    // What the next one waits for: this body settled, whichever way.
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(name, tail);
    void tail.then(() => {
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    });
    return mine;
  }
}
