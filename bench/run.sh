#!/bin/bash
# The performance suite: every case runs ctys and its baseline (what an admin would use instead) alternately in
# the same session, RUNS times each, and reports per side the median and spread (min-max) of wall time, the median
# CPU time (user+sys) and peak memory (max RSS), the ratio of the medians ctys / baseline and the target.
# Writes bench/results/latest.md and latest.json (and keeps a dated copy). Needs root: it makes sshd hosts, VDE
# switches and QEMU guests in network namespaces of its own and removes them at the end.
#   bench/run.sh [RUNS]     (after the test command, or ./ctys -V, has built the distribution)
#   CTYS_BENCH_HOSTS=50 bench/run.sh   adds the fan-out cases on 50 hosts (the default, 20, fits 2 cores)
set -eu
RUNS=${1:-5}
. "$(dirname -- "$(readlink -f -- "$0")")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "bench/run.sh needs root (network namespaces)" >&2; exit 2; }
HOSTS=${CTYS_BENCH_HOSTS:-20}
start_hosts "$HOSTS" ctb$$ 10.199.$((150 + $$ % 60))
export CTYS_SOCKBASE="$TB_BASE/hostroot"
results="$root/bench/results"; mkdir -p "$results"
raw="$TB_BASE/raw"; : > "$raw"
work="$TB_BASE/work"; mkdir -p "$work"

trap 'stop_libvirtd; bash "$hosts" down' EXIT

# sample CASE SIDE CMD: one timed run of CMD (a bash command line), appended to $raw as
# "case<TAB>side<TAB>wall user sys maxrss_kb"
# (wall from bash's microsecond clock: /usr/bin/time's %e has only 10 ms)
sample() {
    local start=$EPOCHREALTIME end
    /usr/bin/time -f '%U %S %M' -o "$work/time" bash -c "$3" >"$work/out" 2>&1 ||
        { echo "failed ($1, $2): $3" >&2; cat "$work/out" >&2; exit 1; }
    end=$EPOCHREALTIME
    printf '%s\t%s\t%s %s\n' "$1" "$2" "$(awk "BEGIN {print $end - $start}")" \
        "$(tail -1 "$work/time")" >> "$raw"
}
# bench CASE TARGET CTYS_CMD BASELINE_CMD [SETUP_CMD]: RUNS alternating pairs; SETUP_CMD runs before each sample
declare -a order=(); declare -A target=() ctys_cmd=() base_cmd=() sessions=()
bench() {
    order+=("$1"); target[$1]=$2; ctys_cmd[$1]=$3; base_cmd[$1]=$4
    for _ in $(seq "$RUNS"); do
        [ -z "${5:-}" ] || bash -c "$5"
        sample "$1" ctys "$3"
        [ -z "${5:-}" ] || bash -c "$5"
        sample "$1" baseline "$4"
    done
}
# ssh_sessions CMD: how many ssh sessions (remote commands) CMD opens on h1, from h1's sshd log
ssh_sessions() {
    local log="$TB_BASE/hosts/h1/sshd.log" before
    before=$(grep -c 'Starting session' "$log" || true)
    bash -c "$1" >/dev/null 2>&1
    echo $(( $(grep -c 'Starting session' "$log" || true) - before ))
}

ns=$TB_PREFIX-h1
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
    > "$work/Hello.java"
javac -d "$work" "$work/Hello.java"
mkdir -p "$work/groups"; printf 'h1\nh2\nh3\n' > "$work/groups/lab"
export CTYS_GROUPS_PATH="$work/groups"

# 1. start-up
bench "ctys -X -V" "<= 0.150 s" "$ctys -X -V" "bash -c true"
hello="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $work Hello"
bench "ctys -X -V vs a JVM hello-world" "<= 5x" "$ctys -X -V" "$hello"
bench "ctys plugins vs a JVM hello-world" "" "$ctys plugins -X" "$hello"
bench "ctys --expand @lab vs a JVM hello-world" "<= 2.5x" "$ctys --expand -X @lab" "$hello"
# read-only: lists this user's switches under the socket base
bench "ctys -t VDE -a list vs a JVM hello-world" "<= 2.5x" "$ctys -t VDE -a list -X" "$hello"

# 2. local VDE: create + cancel (two ctys runs) against the same steps as a script, in a scratch namespace
cat > "$work/create.sh" <<SCRIPT
s=$work/bare
mkdir -p \$s
ip link add name benchbr type bridge && ip link set dev benchbr up &&
ip tuntap add dev benchtap mode tap user root group root && ip link set dev benchtap master benchbr up &&
vde_switch -d -t benchtap -s \$s/sw -m 0660 -g root -M \$s/mgmt --mgmtmode 0660 -p \$s/pid &&
i=0; while [ ! -S \$s/mgmt ] && [ \$i -lt 250 ]; do i=\$((i+1)); sleep 0.01; done
SCRIPT
cat > "$work/cancel.sh" <<SCRIPT
s=$work/bare
p=\$(cat \$s/pid); kill \$p
i=0; while [ \$i -lt 200 ]; do case \$(cut -d' ' -f3 /proc/\$p/stat 2>/dev/null) in ''|Z) break;; esac; i=\$((i+1)); sleep 0.01; done
ip link del dev benchtap; ip link del dev benchbr; rm -rf \$s
SCRIPT
bench "local VDE create + cancel" "<= 3x" \
    "ip netns exec $ns $ctys -t VDE -a create && ip netns exec $ns $ctys -t VDE -a cancel" \
    "ip netns exec $ns sh $work/create.sh && ip netns exec $ns sh $work/cancel.sh"
# the same against libvirt, the tool a user would pick instead: a network that is a bridge only (no addresses, no
# DHCP), created and destroyed through the running libvirtd, as `virsh net-create` + `net-destroy`
if start_libvirtd; then
    printf "<network><name>ctysbench</name><bridge name='lvbench0' stp='off'/></network>\n" > "$work/lvnet.xml"
    bench "local VDE create + cancel vs libvirt" "<= 1x" \
        "ip netns exec $ns $ctys -t VDE -a create && ip netns exec $ns $ctys -t VDE -a cancel" \
        "virsh -q -c '$LV_URI' net-create $work/lvnet.xml && virsh -q -c '$LV_URI' net-destroy ctysbench"
    stop_libvirtd
fi

# 3. fan-out: a trivial command, then a VDE switch, on N hosts; the baseline is xargs -P N ssh
sed "s|s=$work/bare|s=$CTYS_SOCKBASE/bare|" "$work/create.sh" > "$work/rcreate.sh"
sed "s|s=$work/bare|s=$CTYS_SOCKBASE/bare|" "$work/cancel.sh" > "$work/rcancel.sh"
for n in 1 5 20 50; do
    [ "$n" -le "$HOSTS" ] || continue
    bench "CLI true, $n hosts" "$([ "$n" = 20 ] && echo '<= 1.2x')" \
        "$ctys -t CLI -a create=l:b,cmd:true 'h[1-$n]'" \
        "seq 1 $n | xargs -P $n -I{} ssh -F $config h{} true"
    sessions["CLI true, $n hosts"]=$(ssh_sessions "$ctys -t CLI -a create=l:b,cmd:true 'h[1-$n]'")
done
for n in 1 5 20 50; do
    [ "$n" -le "$HOSTS" ] || continue
    bench "VDE create + cancel, $n hosts" "" \
        "$ctys -t VDE -a create 'h[1-$n]' && $ctys -t VDE -a cancel 'h[1-$n]'" \
        "seq 1 $n | xargs -P $n -I{} sh -c 'ssh -F $config h{} sh -s < $work/rcreate.sh' &&
         seq 1 $n | xargs -P $n -I{} sh -c 'ssh -F $config h{} sh -s < $work/rcancel.sh'"
    sessions["VDE create + cancel, $n hosts"]=$(ssh_sessions "$ctys -t VDE -a create h1 && $ctys -t VDE -a cancel h1")
done

# 3b. the cost ctys adds per target beyond the commands it runs. Medians of separate blocks of 1-host and 20-host
# runs drift apart with the machine (xargs' own 20-host time moved 1.6-2.1 s between suite runs), so this is
# measured in paired rounds instead: each round times ctys and xargs on 1 and on 20 targets back to back (the order
# reversed every other round), and its overhead is ((ctys20 - ctys1) - (xargs20 - xargs1)) / 19. Over ssh, the
# handshakes' own spread (+-150 ms on 20 hosts) leaves each round +-10 ms; on local targets (localhost 20 times,
# the command run without ssh, against xargs running the same sh -c true) what is left is ctys's own cost.
# CTYS_BENCH_ROUNDS rounds (default 10; twice as many locally) per side.
ROUNDS=${CTYS_BENCH_ROUNDS:-10}
local20=$(printf 'localhost %.0s' $(seq 20))
overhead_rounds() {   # NAME ROUNDS CTYS1 XARGS1 CTYS20 XARGS20
    local runs=("ctys1:$3" "xargs1:$4" "ctys20:$5" "xargs20:$6") picks r i
    for r in $(seq "$2"); do
        if [ $((r % 2)) = 1 ]; then picks=(0 1 2 3); else picks=(3 2 1 0); fi
        for i in "${picks[@]}"; do
            sample "$1" "${runs[$i]%%:*}" "${runs[$i]#*:}"
        done
    done
}
if [ "$HOSTS" -ge 20 ]; then
    overhead_rounds "overhead" "$ROUNDS" "$ctys -t CLI -a create=l:b,cmd:true h1" \
        "seq 1 1 | xargs -P 1 -I{} ssh -F $config h{} true" "$ctys -t CLI -a create=l:b,cmd:true 'h[1-20]'" \
        "seq 1 20 | xargs -P 20 -I{} ssh -F $config h{} true"
fi
overhead_rounds "overhead local" $((2 * ROUNDS)) "$ctys -t CLI -a create=l:b,cmd:true localhost" \
    "seq 1 1 | xargs -P 1 -I{} sh -c true" \
    "$ctys -t CLI -a create=l:b,cmd:true --keep-duplicates $local20" \
    "seq 1 20 | xargs -P 20 -I{} sh -c true"

# 4. scale: --expand of generated trees (time, memory, per host); ports of a switch with 64 attached plugs
for size in 1000 10000 100000; do
    racks=$((size / 100)); g="$work/scale$size"; mkdir -p "$g/rack"
    for r in $(seq 1 "$racks"); do
        { echo "CONTEXT'(-Z SUDO)'"; echo "node[001-050].r$r'(-d 1)'"; echo "web[051-100].r$r"; } > "$g/rack/r$r"
    done
    { for r in $(seq 1 "$racks"); do echo "#include rack/r$r"; done; } > "$g/all"
    count=$(CTYS_GROUPS_PATH=$g CTYS_JAVA_OPTS=-Xmx256m "$ctys" --expand -X @all | wc -l)
    [ "$count" = "$size" ] || { echo "expected $size targets, got $count" >&2; exit 1; }
    bench "--expand $size hosts (-Xmx256m)" "$([ "$size" = 10000 ] && echo '< 1 s')" \
        "CTYS_GROUPS_PATH=$g CTYS_JAVA_OPTS=-Xmx256m $ctys --expand -X @all" "seq $size"
done
ip netns exec "$ns" "$ctys" -t VDE -a create >/dev/null
for _ in $(seq 64); do
    ip netns exec "$ns" setsid sh -c "sleep 3600 | vde_plug $CTYS_SOCKBASE/vde_switch0.root >/dev/null 2>&1" &
done
sleep 1
bench "ports of a switch with 64 plugs" "" "ip netns exec $ns $ctys -t VDE -a ports -X" "bash -c true"
pkill -f "vde_plug $CTYS_SOCKBASE/vde_switch0.root" || true
sleep 0.5
ip netns exec "$ns" "$ctys" -t VDE -a cancel=f >/dev/null

# 5. QEMU: a guest started until QMP says it runs, against the plain command line with the same arguments
mkdir -p "$work/vms"
printf 'label: b1\nmemory: 64\nnics:\n  - mac: 52:54:00:be:00:01\n    model: e1000\n' > "$work/vms/b1.yaml"
export CTYS_VM_PATH="$work/vms"
ip netns exec "$ns" "$ctys" -t VDE -a create >/dev/null
argv=$(ip netns exec "$ns" "$ctys" -t QEMU -a create=l:b1 --dry-run -X | tr ';' '\n' | grep -o 'qemu-system-x86_64 .*')
argv=${argv//ctys-vm.root.b1/bare-b1}
stop_guests="for p in $CTYS_SOCKBASE/ctys-vm.root.b1.pid $CTYS_SOCKBASE/bare-b1.pid; do [ -f \$p ] && kill \$(cat \$p);
    done; for i in \$(seq 100); do ls $CTYS_SOCKBASE/*b1.pid >/dev/null 2>&1 || break; sleep 0.05; done;
    rm -f $CTYS_SOCKBASE/*b1.*"
bench "QEMU create until QMP running" "" "ip netns exec $ns $ctys -t QEMU -a create=l:b1" \
    "ip netns exec $ns $argv" "$stop_guests"
bash -c "$stop_guests"
ip netns exec "$ns" "$ctys" -t VDE -a cancel=f >/dev/null

# 6. in-process hot paths (JMH, in the modules' test sources): address expansion, the management-socket client;
# absolute times, no baseline (there is no other tool doing the same in process). CTYS_BENCH_JMH=0 skips them.
jmh="$work/jmh.csv"; : > "$jmh"
if [ "${CTYS_BENCH_JMH:-1}" != 0 ]; then
    (cd "$root" && mvn -B -q -ntp dependency:build-classpath -pl addressing,plugin-vde -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/jmh.cp)
    for m in addressing:ExpansionBenchmark plugin-vde:ManagementBenchmark; do
        mod=${m%%:*}; b=${m#*:}
        java -cp "$root/$mod/target/test-classes:$root/$mod/target/classes:$(cat "$root/$mod/target/jmh.cp")" \
            org.openjdk.jmh.Main -f 1 -wi 3 -w 1s -i 5 -r 1s -rf csv -rff "$work/jmh-$b.csv" "$b" \
            > "$work/jmh-$b.log" 2>&1 || { cat "$work/jmh-$b.log" >&2; exit 1; }
        tail -n +2 "$work/jmh-$b.csv" | tr -d '"\r' >> "$jmh"
    done
fi

# the report
stamp=$(date -u +%Y-%m-%dT%H:%MZ)
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME")"
jdk=$(java -version 2>&1 | head -1)
stats() {   # side case -> "median min max cpu rss_mb"
    awk -F'\t' -v c="$1" -v s="$2" '$1 == c && $2 == s {print $3}' "$raw" | awk '
        {w[NR]=$1; cpu[NR]=$2+$3; m[NR]=$4}
        function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                      return a[int((n + 1) / 2)] }
        END { n = NR; mn = w[1]; mx = w[1]; for (i = 1; i <= n; i++) { if (w[i] < mn) mn = w[i]; if (w[i] > mx) mx = w[i] }
              printf "%s %s %s %s %.0f\n", med(w, n), mn, mx, med(cpu, n), med(m, n) / 1024 }'
}
{
    echo "Run $stamp on $machine, $jdk; $RUNS alternating runs per side; $HOSTS namespace sshd hosts."
    echo
    echo "Every ctys command runs in a JVM of its own."
    echo
    echo "| case | ctys wall s (min-max) | ctys CPU s | ctys RSS MB | baseline wall s (min-max) | baseline CPU s | ratio | target | ssh sessions per host |"
    echo "|---|---|---|---|---|---|---|---|---|"
} > "$results/latest.md"
json="["
for c in "${order[@]}"; do
    read -r cm cmin cmax ccpu crss <<<"$(stats "$c" ctys)"
    read -r bm bmin bmax bcpu brss <<<"$(stats "$c" baseline)"
    ratio=$(awk "BEGIN {printf \"%.2f\", $cm / $bm}")
    t=${target[$c]}; verdict=""
    case $t in
        "<= "*x) limit=${t#<= }; limit=${limit%x}
                 verdict=$(awk "BEGIN {print ($ratio <= $limit) ? \"met\" : \"NOT met\"}") ;;
        "<= "*" s"|"< "*" s") limit=${t#*[<=] }; limit=${limit#= }; limit=${limit% s}
                         verdict=$(awk "BEGIN {print ($cm <= $limit) ? \"met\" : \"NOT met\"}") ;;
    esac
    printf '| %s | %.3f (%.3f-%.3f) | %.2f | %s | %.4f (%.4f-%.4f) | %.2f | %s | %s | %s |\n' "$c" "$cm" "$cmin" \
        "$cmax" "$ccpu" "$crss" "$bm" "$bmin" "$bmax" "$bcpu" "$ratio" "${t:+$t ($verdict)}" \
        "${sessions[$c]:-}" >> "$results/latest.md"
    json+=$(printf '%s{"case":"%s","target":"%s","verdict":"%s","ratio":%s,"sshSessionsPerHost":%s,"ctys":{"median":%s,"min":%s,"max":%s,"cpu":%s,"rssMB":%s,"command":"%s"},"baseline":{"median":%s,"min":%s,"max":%s,"cpu":%s,"rssMB":%s,"command":"%s"}}' \
        "$([ "$json" = "[" ] || echo ,)" "$c" "$t" "$verdict" "$ratio" "${sessions[$c]:-null}" "$cm" "$cmin" "$cmax" "$ccpu" \
        "$crss" "$(printf '%s' "${ctys_cmd[$c]}" | tr '\n' ' ' | sed 's/["\\]/\\&/g')" "$bm" "$bmin" "$bmax" "$bcpu" "$brss" \
        "$(printf '%s' "${base_cmd[$c]}" | tr '\n' ' ' | sed 's/["\\]/\\&/g')")
done
json+="]"
# per-target overhead: one value per paired round (3b), their median and quartiles
overheads=""
for kind in "" " local"; do
    grep -q "^overhead$kind	" "$raw" || continue
    rounds=$(grep -c "^overhead$kind	ctys1	" "$raw")
    read -r wall wq1 wq3 cpu <<<"$(awk -F'\t' -v c="overhead$kind" '$1 == c {split($3, t, " "); n[$2]++;
            w[$2, n[$2]] = t[1]; u[$2, n[$2]] = t[2] + t[3]}
        function sorted(a, k,   i, j, x) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x } }
        END { k = n["ctys1"]
              for (r = 1; r <= k; r++) {
                  o[r] = ((w["ctys20", r] - w["ctys1", r]) - (w["xargs20", r] - w["xargs1", r])) / 19 * 1000
                  p[r] = ((u["ctys20", r] - u["ctys1", r]) - (u["xargs20", r] - u["xargs1", r])) / 19 * 1000 }
              sorted(o, k); sorted(p, k)
              printf "%.1f %.1f %.1f %.1f\n", o[int((k + 1) / 2)], o[int((k + 3) / 4)], o[int((3 * k + 3) / 4)], p[int((k + 1) / 2)] }' "$raw")"
    verdict=$(awk "BEGIN {print ($wall < 5) ? \"met\" : \"NOT met\"}")
    if [ -z "$kind" ]; then
        what="CLI true and xargs -P ssh on 1 and 20 hosts"
    else
        what="CLI true on localhost once and 20 times, without ssh, and xargs -P sh -c true"
    fi
    printf '\nPer-target overhead of ctys beyond the commands it runs (%s paired rounds of %s; per round '\
'((ctys20 - ctys1) - (xargs20 - xargs1)) / 19): median %s ms wall (quartiles %s to %s; target < 5 ms: %s), %s ms CPU.\n' \
        "$rounds" "$what" "$wall" "$wq1" "$wq3" "$verdict" "$cpu" \
        >> "$results/latest.md"
    overheads+=$(printf '%s{"targets":"%s","rounds":%s,"wallMs":%s,"wallQ1Ms":%s,"wallQ3Ms":%s,"cpuMs":%s,"verdict":"%s"}' \
        "${overheads:+,}" "$([ -n "$kind" ] && echo local || echo ssh)" \
        "$rounds" "$wall" "$wq1" "$wq3" "$cpu" "$verdict")
done
if [ -s "$jmh" ]; then
    {
        echo
        echo "In-process hot paths (JMH 1.37: 1 fork, 3 x 1 s warm-up, 5 x 1 s measured; mean and 99.9 % error):"
        echo
        echo "| benchmark | parameter | time per operation |"
        echo "|---|---|---|"
        awk -F, '{printf "| %s | %s | %.3f ± %.3f %s |\n", $1, $8, $5, $6, $7}' "$jmh"
    } >> "$results/latest.md"
fi
jmhjson=$(awk -F, 'BEGIN {printf "["} {printf "%s{\"benchmark\":\"%s\",\"parameter\":\"%s\",\"score\":%s,\"error\":%s,\"unit\":\"%s\"}", (NR > 1 ? "," : ""), $1, $8, $5, ($6 == "NaN" ? "null" : $6), $7} END {printf "]"}' "$jmh")
printf '{"date":"%s","machine":"%s","jdk":"%s","runs":%s,"cases":%s,"perTargetOverhead":[%s],"jmh":%s}\n' "$stamp" \
    "$machine" "$(printf '%s' "$jdk" | sed 's/["\\]/\\&/g')" "$RUNS" "$json" "$overheads" "$jmhjson" > "$results/latest.json"
cp "$results/latest.md" "$results/$stamp.md"; cp "$results/latest.json" "$results/$stamp.json"
cat "$results/latest.md"
