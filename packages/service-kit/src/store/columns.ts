// Column values where the SQLite and PostgreSQL stores differ, or agree: for row types and
// mappers a service's two adapters share.

/**
 * A yes/no column as each database returns it: SQLite has no boolean type and stores 0/1,
 * PostgreSQL returns a real boolean. Shared row types take it as a parameter so that each adapter
 * states what its driver gives; shared mappers accept both (see {@link isSet}).
 */
export type Flag = number | boolean;

/** The flag as a boolean, whichever database it came from. */
export const isSet = (value: Flag): boolean => value === true || value === 1;

/** Parameter values both databases take as they are (an insert's, built once for both adapters). */
export type RowValues = (string | number | null)[];

/** A row a store read, as its record — or nothing, when there was no row. */
export const mapped = <Row, Record>(
  row: Row | undefined,
  toRecord: (row: Row) => Record,
): Record | undefined => (row === undefined ? undefined : toRecord(row));
