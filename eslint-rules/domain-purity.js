// ESLint rule `layers/domain-purity`: a service's domain code (`packages/<service>/src/domain/`)
// speaks to storage through its store ports and to the outside through its own functions, so a
// second store (PostgreSQL beside SQLite) or another transport plugs in without touching it. It
// refuses, in every file under a `domain/` folder, tests included:
//   - importing a database binding or ORM (better-sqlite3, sqlite3, pg, typeorm) or express;
//   - SQL text (upper-case keywords, as all our SQL is written): a string or template that starts with SELECT, INSERT INTO, UPDATE … SET,
//     DELETE FROM, CREATE / DROP / ALTER TABLE or PRAGMA.
import { relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const FORBIDDEN_MODULES = ['better-sqlite3', 'sqlite3', 'pg', 'typeorm', 'express'];
const SQL =
  /^\s*(SELECT\b|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|(CREATE|DROP|ALTER)\s+TABLE\b|PRAGMA\b)/;

/** Whether a file is domain code of a package: `packages/<name>/src/domain/…`. */
function isDomainCode(file) {
  const parts = relative(ROOT, file).split(sep);
  return parts[0] === 'packages' && parts[2] === 'src' && parts[3] === 'domain';
}

const moduleOf = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Domain code holds no SQL and imports no database binding or HTTP framework.' },
    schema: [],
    messages: {
      binding: '"{{name}}" in domain code: reach storage through a store port, HTTP from the routes.',
      sql: 'SQL in domain code: put the statement in a store adapter behind a port.',
    },
  },
  create(context) {
    if (!isDomainCode(context.filename)) return {};
    const checkImport = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const name = moduleOf(source.value);
      if (FORBIDDEN_MODULES.includes(name))
        context.report({ node: source, messageId: 'binding', data: { name } });
    };
    return {
      ImportDeclaration: checkImport,
      ExportNamedDeclaration: checkImport,
      ExportAllDeclaration: checkImport,
      ImportExpression: checkImport,
      Literal(node) {
        if (typeof node.value === 'string' && SQL.test(node.value))
          context.report({ node, messageId: 'sql' });
      },
      TemplateLiteral(node) {
        if (SQL.test(node.quasis[0]?.value.cooked ?? '')) context.report({ node, messageId: 'sql' });
      },
    };
  },
};

export default { meta: { name: 'layers' }, rules: { 'domain-purity': rule } };
