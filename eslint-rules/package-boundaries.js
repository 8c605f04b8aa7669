// ESLint rule `boundaries/package-boundaries`: the workspace's packages meet only through their
// declared names. It refuses
//   - a relative import that leaves its own package (`../../core/src/...`): import by name;
//   - a package's `src/` or `internals` by name (`@skills-passport/issuer/src/...`);
//   - one service importing the other (issuer <-> verifier), but the issuer may use the verifier's
//     library entry (its intakes verify presentations with the verifier's checks);
//   - browser code (core, the wallet, the page kit, the pages) importing the Node service kit;
//   - a workspace package the importing package does not declare in its package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SCOPE = '@skills-passport/';
const SERVICES = new Set(['issuer', 'verifier']);
/** Folders (relative to the root) that are packages of their own. */
const PACKAGE_DIRS = ['packages/*', 'test', 'bench', 'schemas'];

/** The package folder a file belongs to (relative to the root), or '' for root files. */
function packageOf(file) {
  const rel = relative(ROOT, file).split(sep);
  if (rel[0] === 'packages' && rel.length > 2) return `packages/${rel[1]}`;
  if (PACKAGE_DIRS.includes(rel[0]) && rel.length > 1) return rel[0];
  return '';
}

/** The short name (`issuer`) of a package folder, or of `@skills-passport/<name>`. */
const shortName = (packageDir) => packageDir.split('/').pop();

const manifests = new Map();
function declaredDependencies(packageDir) {
  if (!manifests.has(packageDir)) {
    const path = join(ROOT, packageDir, 'package.json');
    const manifest = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
    manifests.set(
      packageDir,
      new Set([manifest.name, ...Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })]),
    );
  }
  return manifests.get(packageDir);
}

function isTestCode(file) {
  return /[\\/]test-support[\\/]|\.test\.ts$|\.bench\.ts$/.test(relative(ROOT, file));
}

/** Code that runs in the browser: core, the wallet, the page kit and the services' pages. */
function isBrowserCode(file, packageDir) {
  if (isTestCode(file)) return false;
  const rel = relative(ROOT, file);
  const browserPackages = ['packages/core', 'packages/wallet-web', 'packages/page-kit'];
  return browserPackages.includes(packageDir) || /-page[\\/]/.test(rel);
}

function problemOf(file, specifier) {
  const from = packageOf(file);
  if (specifier.startsWith('.')) {
    const target = packageOf(resolve(dirname(file), specifier));
    // The repository's own tooling (the lint rules, scripts) sits at the root; only tests read it.
    if (target === from || (target === '' && isTestCode(file))) return undefined;
    return `"${specifier}" reaches into ${target || 'the repository root'} from ${from || 'the root'}: import the package by its name.`;
  }
  if (!specifier.startsWith(SCOPE)) return undefined;
  const [name, ...subpath] = specifier.slice(SCOPE.length).split('/');
  const sub = subpath.join('/');
  if (sub === 'internals' || sub.startsWith('internals/') || sub === 'src' || sub.startsWith('src/'))
    return `"${specifier}" is a package's insides; use what ${SCOPE}${name} exports.`;
  const own = shortName(from);
  // One way only: the issuer's intakes receive OpenID4VP presentations and judge them with the
  // verifier library's own checks (declared in the issuer's package.json), never a copy of them.
  const issuerUsesVerifierLibrary = own === 'issuer' && name === 'verifier' && sub === '';
  if (SERVICES.has(name) && SERVICES.has(own) && name !== own && !issuerUsesVerifierLibrary)
    return `The ${own} must not import the ${name}: services meet over HTTP; tests that need both live in test/.`;
  if (name === 'service-kit' && isBrowserCode(file, from))
    return `"${specifier}" is Node-only; browser code (core, the wallet, the pages) must not import it.`;
  if (from !== '' && name !== own && !declaredDependencies(from).has(`${SCOPE}${name}`))
    return `${SCOPE}${name} is not declared in ${from}/package.json.`;
  return undefined;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Packages meet only through their declared names.' },
    schema: [],
    messages: { boundary: '{{problem}}' },
  },
  create(context) {
    const check = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const problem = problemOf(context.filename, source.value);
      if (problem !== undefined) context.report({ node: source, messageId: 'boundary', data: { problem } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { meta: { name: 'boundaries' }, rules: { 'package-boundaries': rule } };
