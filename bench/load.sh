#!/bin/bash
# Load: a GROUP of N namespace sshd hosts gets a VDE switch created and cancelled in one ctys call each, for R
# rounds. Per round: wall time and peak memory (max RSS) of each ctys run, and what is left afterwards — vde_switch
# processes, taps and bridges in the hosts' namespaces, ssh control masters and control directories of ctys. The
# target is zero of each. Needs root.
#   bench/load.sh [HOSTS] [ROUNDS]      (default 50 hosts, 3 rounds)
set -eu
N=${1:-50}; ROUNDS=${2:-3}
. "$(dirname -- "$(readlink -f -- "$0")")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "bench/load.sh needs root (network namespaces)" >&2; exit 2; }
start_hosts "$N" ctl$$ 10.199.$((100 + $$ % 40))
export CTYS_SOCKBASE="$TB_BASE/hostroot"
mkdir -p "$TB_BASE/groups"; seq -f 'h%g' 1 "$N" > "$TB_BASE/groups/all"
export CTYS_GROUPS_PATH="$TB_BASE/groups"
leftovers() {   # what of ctys is left on the hosts and here
    local procs=0 links=0 ns
    for i in $(seq 1 "$N"); do
        ns=$TB_PREFIX-h$i
        links=$((links + $(ip -n "$ns" -o link show | grep -c -E 'tap[0-9a-f]{8}|ctysbr0' || true)))
        for p in $(ip netns pids "$ns"); do
            [ "$(cat /proc/$p/comm 2>/dev/null)" = vde_switch ] && ! grep -q '^State:.*Z' /proc/$p/status && procs=$((procs + 1))
        done
    done
    local masters dirs
    masters=$(pgrep -c -f 'ControlPath=/tmp/ctys-ssh-' || true)
    dirs=$(ls -d /tmp/ctys-ssh-* 2>/dev/null | grep -c -v -x -F -f "$TB_BASE/dirs-before" || true)
    printf '%s | %s | %s | %s\n' "$procs" "$links" "$masters" "$dirs"
}
peak_fds() {    # runs ctys under /usr/bin/time; prints the most descriptors its JVM had open (sampled every 20 ms)
    local out=$1 times=$2 max=0 n j; shift 2
    /usr/bin/time -f '%e %M' -o "$times" "$ctys" "$@" > "$out" 2>&1 &
    local top=$!
    while kill -0 "$top" 2>/dev/null; do
        for j in $(pgrep -P "$top"); do
            n=$(ls "/proc/$j/fd" 2>/dev/null | wc -l); [ "$n" -gt "$max" ] && max=$n
        done
        sleep 0.02
    done
    wait "$top" || { cat "$out" >&2; exit 1; }
    echo "$max"
}
ls -d /tmp/ctys-ssh-* 2>/dev/null > "$TB_BASE/dirs-before" || true   # left by earlier runs that were killed
echo "| round | create s | create RSS MB | create peak fds | cancel s | cancel RSS MB | cancel peak fds | vde_switch left | taps/bridges left | ssh masters left | control dirs left |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
    f1=$(peak_fds "$TB_BASE/out1" "$TB_BASE/t1" -t VDE -a create -X @all)
    made=$(grep -c ';created$' "$TB_BASE/out1" || true)
    [ "$made" = "$N" ] || { echo "round $r: $made of $N switches created" >&2; cat "$TB_BASE/out1" >&2; exit 1; }
    f2=$(peak_fds "$TB_BASE/out2" "$TB_BASE/t2" -t VDE -a cancel -X @all)
    sleep 1.5   # a stopped daemon stays a zombie for up to about a second here (testbed.md)
    read -r c1 m1 < "$TB_BASE/t1"; read -r c2 m2 < "$TB_BASE/t2"
    printf '| %s | %s | %.0f | %s | %s | %.0f | %s | %s |\n' "$r" "$c1" "$((m1 / 1024))" "$f1" "$c2" "$((m2 / 1024))" \
        "$f2" "$(leftovers)"
done
