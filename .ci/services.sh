#!/usr/bin/env bash
# Starts the local Redis and PostgreSQL this machine kind ships, if they are not running.
# A user's machine without them simply skips those suites (the tests say so).
set -euo pipefail
if command -v redis-server >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
if command -v pg_ctlcluster >/dev/null && ! pg_isready -h 127.0.0.1 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
redis-cli -h 127.0.0.1 ping
pg_isready -h 127.0.0.1
