#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/ui/*.test.ts drive it with
# playwright-core, which downloads no browser of its own). Idempotent: does nothing when
# /usr/bin/chromium already runs. Needs root (or sudo) only when it has to install.
# Usage: bash test/ui/install-chromium.sh
set -euo pipefail

CHROMIUM=${CHATTERBOX_CHROMIUM:-/usr/bin/chromium}

if [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; then
  echo "chromium ready: $("$CHROMIUM" --version 2>/dev/null)"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-chromium: run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi

"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium installed: $("$CHROMIUM" --version 2>/dev/null)"
