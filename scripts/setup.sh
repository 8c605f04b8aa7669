#!/usr/bin/env bash
# Installs what a fresh machine lacks, idempotently: pnpm at the pinned version, Debian's Chromium
# (browser tests), PostgreSQL (the shared store's tests start throwaway clusters with its
# binaries; the package's own cluster is not used) and HAProxy (the balancer of ./sp start --scale),
# then the workspace's packages from the lockfile, compiling the better-sqlite3
# addon (SQLite included) from source: about 80 s on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Skills Passport needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  log "installing pnpm $pnpm_version"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian keeps initdb and pg_ctl under /usr/lib/postgresql/<major>/bin, off the PATH.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
# ./sp start --scale N puts HAProxy in front of its instances (run by the start script, not as a service).
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} (Debian packages)"
    apt-get update -qq >/dev/null
    # The packages' own daemons (postgresql's cluster, haproxy's service) are not started: we run
    # our own. A policy-rc.d that refuses every start does that, and is removed again if we made it.
    policy=/usr/sbin/policy-rc.d
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
      trap 'rm -f "$policy"' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "please install these Debian packages (as root): ${missing[*]}"
  fi
fi

# node-gyp builds the better-sqlite3 addon against the Node headers that ship with this Node. Its
# prebuilt binaries are downloaded from a host that is out of reach here: do not try.
export npm_config_build_from_source=true
node_prefix=$(dirname "$(dirname "$(command -v node)")")
if [ -d "$node_prefix/include/node" ]; then export npm_config_nodedir="$node_prefix"; fi

log "installing packages"
pnpm install --frozen-lockfile --reporter=silent
