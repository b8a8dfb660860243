#!/bin/bash
# Benchmark: expand a 10,000-host tree of groups, ranges, contexts and a macro with 'ctys --expand'.
# Prints a Markdown table: median wall time and peak memory (max RSS) over RUNS runs, and the same for the JVM
# running 'ctys -X -V' (start-up alone), so the expansion's own cost is visible.
#   bench/expand.sh [RUNS]      (needs the distribution: run ./ctys -V or mvn package first)
set -eu
RUNS=${1:-5}
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
ctys="$root/ctys-core/target/dist/bin/ctys"
[ -x "$ctys" ] || "$root/ctys" -V >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/groups/rack" "$work/macros"
# 100 racks of 100 hosts: 50 from a range with a member context, 50 listed one by one, 10 per line
for r in $(seq -w 1 100); do
    {
        echo "CONTEXT'(-Z SUDO)'"
        echo "node[001-050].r$r'(-d 1)'"
        for line in $(seq 0 4); do
            members=()
            for h in $(seq -w $((line * 10 + 1)) $((line * 10 + 10))); do members+=("host$h.r$r"); done
            (IFS=,; echo "${members[*]}")
        done
    } > "$work/groups/rack/r$r"
done
{ echo "# all racks"; for r in $(seq -w 1 100); do echo "#include rack/r$r"; done; } > "$work/groups/big"
echo "ALL = (-b par) @big" > "$work/macros/default"
export CTYS_GROUPS_PATH="$work/groups" CTYS_MACRO_PATH="$work/macros"
count=$("$ctys" --expand -X MACRO:ALL | wc -l)
[ "$count" = 10000 ] || { echo "expected 10000 targets, got $count" >&2; exit 1; }
measure() {   # prints "seconds kilobytes" for each run
    for _ in $(seq "$RUNS"); do /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
expand=$(measure "$ctys" --expand -X MACRO:ALL)
startup=$(measure "$ctys" -X -V)
echo "| case (median of $RUNS) | wall s | peak RSS MB |"
echo "|---|---|---|"
printf '| ctys --expand, 10,000 hosts (100 groups, ranges, contexts, a macro) | %s | %s |\n' \
    "$(cut -d' ' -f1 <<<"$expand" | median)" "$(cut -d' ' -f2 <<<"$expand" | median | awk '{printf "%.0f", $1/1024}')"
printf '| ctys -X -V (JVM start-up alone) | %s | %s |\n' \
    "$(cut -d' ' -f1 <<<"$startup" | median)" "$(cut -d' ' -f2 <<<"$startup" | median | awk '{printf "%.0f", $1/1024}')"
