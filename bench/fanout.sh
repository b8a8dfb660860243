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
. "$(dirname -- "$(readlink -f -- "$0")")/lib.sh"
start_hosts 20 ctbn$$ 10.199.$((200 + $$ % 50))
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
