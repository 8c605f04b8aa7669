/**
 * The optional settings of a config that are set: one left unset is absent from the config, not
 * kept as a key holding `undefined`.
 */
export function withoutUnset<T extends Record<string, unknown>>(
  settings: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
