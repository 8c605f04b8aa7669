// The catalogue module the issue form was started from, if any: its id becomes the achievement id
// of the credential, so a wallet sees the credential completes that module (a development plan's too).

let fromModule: { id: string; name: string } | null = null;

/** The module the issue form was filled in from, or null. */
export function startedModule(): { id: string; name: string } | null {
  return fromModule;
}

export function setStartedModule(module: { id: string; name: string } | null): void {
  fromModule = module;
}
