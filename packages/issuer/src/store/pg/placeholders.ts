/**
 * A statement built of parts (a filter's optional conditions) with `?` for each parameter, as
 * PostgreSQL's numbered `$1`, `$2` ... in order. Only for SQL of our own with no `?` in a literal.
 */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
