// Column values as the two databases differ on them, or agree.

/**
 * A yes/no column as each database returns it: SQLite has no boolean type and stores 0/1,
 * PostgreSQL returns a real boolean. The row types take it as a parameter so that each adapter
 * states what its driver gives; the mappers accept both.
 */
export type Flag = number | boolean;

/** The flag as a boolean, whichever database it came from. */
export const isSet = (value: Flag): boolean => value === true || value === 1;

/** The values of an insert's parameters that both databases take as they are. */
export type RowValues = (string | number | null)[];
