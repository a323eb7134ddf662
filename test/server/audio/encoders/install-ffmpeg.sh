#!/usr/bin/env bash
# Installs Debian's ffmpeg (ffmpeg + ffprobe), the independent decoder the encoder tests check
# every output format with. Idempotent: does nothing when both are already on PATH.
set -euo pipefail
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
  echo "ffmpeg already installed: $(ffmpeg -version | head -n 1)"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
echo "ffmpeg installed: $(ffmpeg -version | head -n 1)"
