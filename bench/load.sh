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
ls -d /tmp/ctys-ssh-* 2>/dev/null > "$TB_BASE/dirs-before" || true   # left by earlier runs that were killed
echo "| round | create s | create RSS MB | cancel s | cancel RSS MB | vde_switch left | taps/bridges left | ssh masters left | control dirs left |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in $(seq 1 "$ROUNDS"); do
    /usr/bin/time -f '%e %M' -o "$TB_BASE/t1" "$ctys" -t VDE -a create -X @all > "$TB_BASE/out1" 2>&1 ||
        { cat "$TB_BASE/out1" >&2; exit 1; }
    made=$(grep -c ';created$' "$TB_BASE/out1" || true)
    [ "$made" = "$N" ] || { echo "round $r: $made of $N switches created" >&2; cat "$TB_BASE/out1" >&2; exit 1; }
    /usr/bin/time -f '%e %M' -o "$TB_BASE/t2" "$ctys" -t VDE -a cancel -X @all > "$TB_BASE/out2" 2>&1 ||
        { cat "$TB_BASE/out2" >&2; exit 1; }
    sleep 1.5   # a stopped daemon stays a zombie for up to about a second here (testbed.md)
    read -r c1 m1 < "$TB_BASE/t1"; read -r c2 m2 < "$TB_BASE/t2"
    printf '| %s | %s | %.0f | %s | %.0f | %s |\n' "$r" "$c1" "$((m1 / 1024))" "$c2" "$((m2 / 1024))" \
        "$(leftovers)"
done
