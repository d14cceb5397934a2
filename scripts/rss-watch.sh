#!/usr/bin/env bash
# Long-run memory check: runs a command, samples its resident set size
# (VmRSS from /proc/PID/status) every INTERVAL seconds, prints one line per
# sample and a summary with the first, last and largest sample.
#
#   scripts/rss-watch.sh INTERVAL -- .build/release/gradtop train --steps 1000000
#   scripts/rss-watch.sh 30 --pid PID      # watch a running process until it exits
#
# Output of the command goes to /dev/null; Linux only.
set -euo pipefail
interval=${1:?usage: rss-watch.sh INTERVAL (-- COMMAND... | --pid PID)}
shift
if [ "${1:-}" = "--pid" ]; then
    pid=${2:?missing PID}
else
    [ "${1:-}" = "--" ] && shift
    "$@" >/dev/null &
    pid=$!
fi
start=$(date +%s)
first="" last="" peak=0
while [ -r "/proc/$pid/status" ]; do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -z "$rss" ] && break
    [ -z "$first" ] && first=$rss
    last=$rss
    [ "$rss" -gt "$peak" ] && peak=$rss
    echo "t=$(( $(date +%s) - start ))s rss=${rss}kB"
    sleep "$interval"
done
status=0
wait "$pid" 2>/dev/null || status=$?
echo "summary: pid $pid ran $(( $(date +%s) - start ))s, rss first ${first}kB last ${last}kB peak ${peak}kB, exit $status"
