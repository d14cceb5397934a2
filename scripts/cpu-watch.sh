#!/usr/bin/env bash
# CPU of a screen as its user sees it: runs gradtop in a private tmux server at
# COLSxROWS, lets it warm up, then reads the gradtop process's own CPU ticks
# (utime + stime from /proc/PID/stat) over SECONDS, REPEATS times, and prints
# each window's share of one core and their median. Ticks of the process itself,
# not wall time, so other work on the machine slows it but does not count.
#
#   scripts/cpu-watch.sh 160x45 10 5 -- .build/release/gradtop compare
#   scripts/cpu-watch.sh 120x40 10 5 -- .build/release/gradtop
#
# Prints the load average with the result: on a busy machine the UI may draw
# fewer frames than asked for, so say what the machine was doing. Linux only.
set -euo pipefail
usage="usage: cpu-watch.sh COLSxROWS SECONDS REPEATS -- COMMAND..."
[ $# -ge 5 ] && [ "$4" = "--" ] || { echo "$usage" >&2; exit 2; }
size=$1 seconds=$2 repeats=$3
shift 4
[[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || { echo "cpu-watch: size '$size' is not COLSxROWS" >&2; exit 2; }
socket=$(mktemp -u /tmp/cpu-watch.XXXXXX)
trap 'tmux -S "$socket" kill-server 2>/dev/null || true' EXIT
printf -v command '%q ' "$@"
LANG=C.UTF-8 tmux -S "$socket" -f /dev/null new-session -d -x "${BASH_REMATCH[1]}" -y "${BASH_REMATCH[2]}" "$command"
tmux -S "$socket" set -g status off >/dev/null
sleep 3
pid=$(pgrep -P "$(tmux -S "$socket" display -p '#{pane_pid}')" || tmux -S "$socket" display -p '#{pane_pid}')
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
shares=()
for _ in $(seq "$repeats"); do
    before=$(ticks)
    sleep "$seconds"
    after=$(ticks)
    share=$(awk -v t=$((after - before)) -v hz="$hz" -v s="$seconds" 'BEGIN { printf "%.1f", 100 * t / hz / s }')
    shares+=("$share")
    echo "window: ${share}% of a core"
done
median=$(printf '%s\n' "${shares[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median ${median}% of a core over ${repeats} x ${seconds}s at ${size}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
