#!/bin/bash
# Benchmark: the same trivial command on N = 1, 5, 20 sshd hosts in network namespaces, through
#   ctys -t CLI -a create=l:bench,cmd:true h[1-N]      (connections, escalation wrapper, outcome collection)
# and through the shell one-liner an admin would write instead:
#   printf 'h%s\n' 1..N | xargs -P N -I{} ssh -F <config> {} true
# run alternately RUNS times each. Both open fresh connections every run (ctys closes its masters at exit).
# Prints a Markdown table of medians and the ratio ctys / xargs. Needs root (network namespaces).
#   bench/fanout.sh [RUNS]      (needs the distribution: run ./ctys -V or mvn package first)
set -eu
RUNS=${1:-5}
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
ctys="$root/ctys-core/target/dist/bin/ctys"
[ -x "$ctys" ] || "$root/ctys" -V >/dev/null
hosts="$root/ctys-core/src/test/resources/testbed/hosts.sh"
export TB_BASE=$(mktemp -d /tmp/ctys-bench-XXXXXX) TB_PREFIX=ctbn$$ TB_NET=10.199.$((200 + $$ % 50))
trap 'bash "$hosts" down' EXIT
bash "$hosts" up 20 >/dev/null
config="$TB_BASE/client/ssh_config"
export CTYS_SSH_CONFIG="$config"
seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; awk "BEGIN {print $(date +%s.%N) - $s}"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| hosts | ctys s | xargs -P N ssh s | ratio ctys / xargs |"
echo "|---|---|---|---|"
for n in 1 5 20; do
    c=(); x=()
    for _ in $(seq "$RUNS"); do
        c+=("$(seconds "$ctys" -t CLI -a create=l:bench,cmd:true "h[1-$n]")")
        x+=("$(seconds bash -c "seq 1 $n | xargs -P $n -I{} ssh -F '$config' h{} true")")
    done
    cm=$(printf '%s\n' "${c[@]}" | median); xm=$(printf '%s\n' "${x[@]}" | median)
    printf '| %s | %.3f | %.3f | %.2f |\n' "$n" "$cm" "$xm" "$(awk "BEGIN {print $cm / $xm}")"
done
