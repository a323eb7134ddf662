#!/usr/bin/env bash
# The publishable n8n package (dist/n8n-package/, see .ci/n8n-package.mjs): n8n's CLI reports it
# eligible for n8n Cloud (strict mode, default lint config), and the tarball installs the way
# n8n's community-package installer does, offline, without any dependency, and its node loads
# (test/nodes/package.test.ts packs it and checks that).
set -euo pipefail
cd "$(dirname "$0")/.."
status=$(node .ci/n8n-package.mjs cloud-support 2>&1 | sed 's/\x1b\[[0-9;]*[A-Za-z]//g')
if ! grep -q 'Status: eligible' <<<"$status"; then
  echo "$status" >&2; echo "n8n-node cloud-support: the package is not eligible" >&2; exit 1
fi
node test/run.mjs test/nodes/package.test.ts
echo "n8n package: strict, eligible for n8n Cloud, installs offline with no dependency"
