#!/usr/bin/env bash
# Debian packages the test suites use: ffmpeg (an independent decoder for every output format),
# chromium (browser tests), systemd (systemd-analyze verify for the unit files).
set -euo pipefail
need=()
command -v ffprobe >/dev/null || need+=(ffmpeg)
command -v chromium >/dev/null || need+=(chromium)
command -v systemd-analyze >/dev/null || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "system packages ready: ffprobe chromium systemd-analyze"
