#!/bin/bash
# Labs: a ring of N switches on N namespace sshd hosts (s1 on h1 ... sN on hN) joined by N ssh cables through
# this host, created and cancelled by ctys (-t LAB) and by hand, side by side: the same steps an admin would run in
# parallel (a bridge, a tap and a vde_switch with its spanning tree on every host with xargs -P over ssh, then one
# dpipe of two ssh vde_plugs per cable here; and back). RUNS alternating rounds; medians and spread of each side,
# and the ratios. A ring is a loop of cables: both sides run the switches' spanning tree (vde_switch -F).
# Needs root.   bench/lab.sh [HOSTS] [RUNS]      (default 20 hosts, 5 runs)
set -eu
N=${1:-20}; RUNS=${2:-5}
. "$(dirname -- "$(readlink -f -- "$0")")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "bench/lab.sh needs root (network namespaces)" >&2; exit 2; }
start_hosts "$N" ctlb$$ 10.199.$((40 + $$ % 40))
base="$TB_BASE/hostroot"
export CTYS_SOCKBASE="$base" XDG_STATE_HOME="$TB_BASE/state"
work="$TB_BASE/work"; mkdir -p "$work"
trap 'bash "$work/by-hand.sh" cancel >/dev/null 2>&1 || true; "$ctys" -t LAB -a cancel=f:"$work/ring.yaml" \
    >/dev/null 2>&1 || true; bash "$hosts" down' EXIT

{ echo "name: ring"; echo "switches:"
  for i in $(seq 1 "$N"); do echo "  s$i: {host: h$i}"; done
  echo "cables:"
  for i in $(seq 1 "$N"); do echo "  - {ends: [s$i, s$((i % N + 1))], kind: ssh}"; done
} > "$work/ring.yaml"

cat > "$work/by-hand.sh" <<SCRIPT
# the ring by hand: create | cancel
set -eu
n=$N; cfg=$config; base=$base; dir=$work/dpipes
case \$1 in
create)
    seq 1 \$n | xargs -P \$n -I{} ssh -F \$cfg h{} "ip link add hb{} type bridge && ip link set hb{} up &&
        ip tuntap add dev ht{} mode tap && ip link set ht{} master hb{} up &&
        vde_switch -F -d -t ht{} -s \$base/h{}.sock -M \$base/h{}.mgmt -p \$base/h{}.pid &&
        while [ ! -S \$base/h{}.mgmt ]; do sleep 0.01; done"
    mkdir -p \$dir
    for i in \$(seq 1 \$n); do
        setsid dpipe ssh -F \$cfg h\$i vde_plug \$base/h\$i.sock = ssh -F \$cfg h\$((i % n + 1)) vde_plug \$base/h\$((i % n + 1)).sock \
            < /dev/null > /dev/null 2>&1 & echo \$! > \$dir/\$i
    done ;;
cancel)
    for f in \$dir/*; do [ -f "\$f" ] && pkill -s "\$(cat "\$f")" || true; rm -f "\$f"; done
    seq 1 \$n | xargs -P \$n -I{} ssh -F \$cfg h{} "[ -f \$base/h{}.pid ] && kill \\\$(cat \$base/h{}.pid);
        while [ -S \$base/h{}.mgmt ]; do sleep 0.01; done; rm -rf \$base/h{}.*;
        ip link del ht{} 2>/dev/null; ip link del hb{} 2>/dev/null; true" ;;
esac
SCRIPT

time_of() {   # prints the wall time of a command line, or fails with its output
    local start=$EPOCHREALTIME
    bash -c "$1" > "$work/out" 2>&1 || { echo "failed: $1" >&2; cat "$work/out" >&2; exit 1; }
    awk "BEGIN {print $EPOCHREALTIME - $start}"
}
: > "$work/times"
for r in $(seq 1 "$RUNS"); do
    printf 'ctys-create %s\n' "$(time_of "$ctys -t LAB -a create=f:$work/ring.yaml")" >> "$work/times"
    printf 'ctys-cancel %s\n' "$(time_of "$ctys -t LAB -a cancel=f:$work/ring.yaml")" >> "$work/times"
    printf 'hand-create %s\n' "$(time_of "bash $work/by-hand.sh create")" >> "$work/times"
    printf 'hand-cancel %s\n' "$(time_of "bash $work/by-hand.sh cancel")" >> "$work/times"
done
values() { awk -v k="$1" '$1 == k {print $2}' "$work/times" | sort -n; }
median() { values "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { values "$1" | awk '{a[NR]=$1} END {printf "%.2f (%.2f-%.2f)", a[int((NR+1)/2)], a[1], a[NR]}'; }
ratio() { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN {printf "%.2fx", a / b}'; }
echo "lab ring of $N switches and $N ssh cables, $RUNS runs per side (median (min-max) s):"
echo "  create: ctys $(spread ctys-create), by hand $(spread hand-create): $(ratio ctys-create hand-create)"
echo "  cancel: ctys $(spread ctys-cancel), by hand $(spread hand-cancel): $(ratio ctys-cancel hand-cancel)"
