#!/bin/bash
# Benchmark: a VDE switch created and cancelled by ctys, against the bare commands in a shell script, side by side.
#   local: 'ctys -t VDE -a create' + 'cancel' inside a network namespace, against the same steps as a script
#   fan-out: on N = 1, 5, 20 sshd hosts in namespaces, 'ctys -t VDE -a create|cancel h[1-N]' against
#            'xargs -P N ssh hX sh -s' fed the same script
# Medians of RUNS alternating runs; Markdown table with the ratios. Needs root (network namespaces).
#   bench/vde.sh [RUNS]      (needs the distribution: run ./ctys -V or mvn package first)
set -eu
RUNS=${1:-5}
. "$(dirname -- "$(readlink -f -- "$0")")/lib.sh"
start_hosts 20 ctbv$$ 10.199.$((150 + $$ % 50))
export CTYS_SOCKBASE="$TB_BASE/hostroot"
# the bare way, done right: bridge, tap, switch, wait for its pid file; and back
cat > "$TB_BASE/create.sh" <<SCRIPT
s=$CTYS_SOCKBASE
ip link add name benchbr type bridge && ip link set dev benchbr up &&
ip tuntap add dev benchtap mode tap user root group root && ip link set dev benchtap master benchbr up &&
vde_switch -d -t benchtap -s \$s/sw -m 0660 -g root -M \$s/mgmt --mgmtmode 0660 -p \$s/pid &&
i=0; while [ ! -s \$s/pid ] && [ \$i -lt 50 ]; do i=\$((i+1)); sleep 0.02; done
SCRIPT
cat > "$TB_BASE/cancel.sh" <<SCRIPT
s=$CTYS_SOCKBASE
p=\$(cat \$s/pid); kill \$p
i=0; while [ \$i -lt 100 ]; do case \$(cut -d' ' -f3 /proc/\$p/stat 2>/dev/null) in ''|Z) break;; esac; i=\$((i+1)); sleep 0.01; done
ip link del dev benchtap; ip link del dev benchbr; rm -rf \$s/sw \$s/mgmt \$s/pid
SCRIPT
row() { printf '| %s | %.3f | %.3f | %.2f |\n' "$1" "$2" "$3" "$(awk "BEGIN {print $2 / $3}")"; }
echo "| case | ctys s | baseline s | ratio ctys / baseline |"
echo "|---|---|---|---|"
ns=$TB_PREFIX-h1
c=(); b=()
for _ in $(seq "$RUNS"); do
    c+=("$(seconds bash -c "ip netns exec $ns $ctys -t VDE -a create && ip netns exec $ns $ctys -t VDE -a cancel")")
    b+=("$(seconds bash -c "ip netns exec $ns sh $TB_BASE/create.sh && ip netns exec $ns sh $TB_BASE/cancel.sh")")
done
row "local create + cancel (2 ctys runs / 1 script each)" "$(printf '%s\n' "${c[@]}" | median)" \
    "$(printf '%s\n' "${b[@]}" | median)"
for n in 1 5 20; do
    c=(); b=()
    for _ in $(seq "$RUNS"); do
        c+=("$(seconds bash -c "$ctys -t VDE -a create 'h[1-$n]' && $ctys -t VDE -a cancel 'h[1-$n]'")")
        b+=("$(seconds bash -c "seq 1 $n | xargs -P $n -I{} sh -c 'ssh -F $config h{} sh -s < $TB_BASE/create.sh' &&
            seq 1 $n | xargs -P $n -I{} sh -c 'ssh -F $config h{} sh -s < $TB_BASE/cancel.sh'")")
    done
    row "$n hosts, create + cancel" "$(printf '%s\n' "${c[@]}" | median)" "$(printf '%s\n' "${b[@]}" | median)"
done
