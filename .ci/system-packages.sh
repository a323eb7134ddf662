#!/usr/bin/env bash
# Debian packages the test suites use: ffmpeg (an independent decoder for every output format),
# chromium (browser tests), systemd (systemd-analyze verify for the unit files), redis-server
# (the Redis-loss suite starts and kills its own). Idempotent:
# installs only what is missing; needs root (or sudo) only then. Without them `npm test` skips
# those suites and names this script; with CI=true it fails instead (test/support/requirements.ts).
set -euo pipefail
need=()
command -v ffprobe >/dev/null || need+=(ffmpeg)
command -v chromium >/dev/null || need+=(chromium)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "system-packages: run as root or install sudo to get ${need[*]}" >&2; exit 1; }
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "system packages ready: ffprobe chromium systemd-analyze redis-server"
