#!/usr/bin/env bash
# Skills Passport: the one entry point for people and CI.
#   ./sp start   install what is missing, build, seed the demo and start the platform
#   ./sp start --scale N   the same as it runs on more than one machine: PostgreSQL under ./data/pg,
#                N issuers and N verifiers behind a load balancer (HAProxy) on the same ports
#   ./sp test    install what is missing, then run every check and test (what CI runs)
#   ./sp migrate compile, then bring the issuer's and the verifier's stores up to date (the SQLite files
#                under ./data, or the PostgreSQL database DATABASE_URL names) and say what was applied
#   ./sp reset   delete ./data, so the next start seeds a fresh demo
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
  start)
    scripts/setup.sh
    pnpm build
    pnpm --silent --filter @skills-passport/wallet-web exec vite build --logLevel error
    shift
    exec node scripts/start.mjs "$@"
    ;;
  test)
    scripts/setup.sh
    exec pnpm test
    ;;
  migrate)
    # The services' code only (dist/migrate.js); the pages need no build to migrate.
    pnpm --silent exec tsc -b
    node packages/issuer/dist/migrate.js
    exec node packages/verifier/dist/migrate.js
    ;;
  reset)
    rm -rf ./data
    echo "Removed ./data; the next './sp start' seeds a fresh demo."
    ;;
  setup)
    exec scripts/setup.sh
    ;;
  *)
    echo "usage: ./sp start [--scale N] | test | migrate | reset | setup" >&2
    exit 2
    ;;
esac
