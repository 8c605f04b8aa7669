import { isPgStorageFault, storageUnavailable, translateStorageError } from '@skills-passport/service-kit';

/**
 * What an error from Veramo's stores means to the issuer: a storage fault (PostgreSQL down or
 * restarting, the connection lost, SQLite busy or its disk full) becomes `ERR_STORAGE_UNAVAILABLE`,
 * which the HTTP edge answers with a 503 as it does for our own stores; anything else is returned
 * as is. TypeORM wraps the driver's error in a `QueryFailedError` (`driverError`), or passes it on
 * bare when no connection could be made: both are looked at.
 */
export function translateVeramoStoreError(error: unknown): unknown {
  const driverError = (error as { driverError?: unknown } | null)?.driverError;
  if (isPgStorageFault(error) || (driverError !== undefined && isPgStorageFault(driverError)))
    return storageUnavailable(error);
  // Duck-typed (only `code` is read): a driver's errors may come from another realm under jest.
  for (const candidate of [error, driverError])
    if (typeof candidate === 'object' && candidate !== null) {
      const translated = translateStorageError(candidate as Error);
      if (translated !== candidate) return translated;
    }
  return error;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * The same Veramo store, whose methods report storage faults as `ERR_STORAGE_UNAVAILABLE`
 * ({@link translateVeramoStoreError}). Veramo's key and DID managers take the store as it is;
 * this is the one seam between Veramo and the database they share with our tables.
 */
export function withStorageFaults<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          throw translateVeramoStoreError(error);
        }
        return isThenable(result)
          ? Promise.resolve(result).catch((error: unknown) => {
              throw translateVeramoStoreError(error);
            })
          : result;
      };
    },
  });
}
