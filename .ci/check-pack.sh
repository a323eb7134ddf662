#!/usr/bin/env bash
# The n8n package must ship only dist/ and must not drag in the server's dependencies:
# pack it, install the tarball into an empty folder, and look at what arrived.
set -euo pipefail
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tgz=$(npm pack --silent --pack-destination "$tmp" | tail -1)
tar -tzf "$tmp/$tgz" | sed 's#^package/##' | sort > "$tmp/files.txt"
if grep -Ev '^(dist/|package\.json$|README\.md$|LICENSE)' "$tmp/files.txt"; then
  echo "n8n package contains files outside dist/ (listed above)" >&2; exit 1
fi
grep -q '^dist/nodes/.*\.node\.js$' "$tmp/files.txt" || { echo "no built node in the package" >&2; exit 1; }
mkdir "$tmp/app" && cd "$tmp/app" && npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --legacy-peer-deps "$tmp/$tgz" >/dev/null
for dep in onnxruntime-node koa keyv bullmq zod; do
  if [ -e "node_modules/$dep" ]; then echo "installing the n8n package pulled in $dep" >&2; exit 1; fi
done
echo "n8n package: $(wc -l < "$tmp/files.txt") files, no server dependency installed"
