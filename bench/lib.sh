# Shared by the benchmarks: the distribution, namespace sshd hosts, timing and medians. Sourced, not run.
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
ctys="$root/ctys-core/target/dist/bin/ctys"
[ -x "$ctys" ] || "$root/ctys" -V >/dev/null
hosts="$root/ctys-core/src/test/resources/testbed/hosts.sh"

# start_hosts N PREFIX NET: N sshd hosts h1..hN in namespaces, removed when the script exits
start_hosts() {
    export TB_BASE=$(mktemp -d /tmp/ctys-bench-XXXXXX) TB_PREFIX=$2 TB_NET=$3
    trap 'bash "$hosts" down' EXIT
    bash "$hosts" up "$1" >/dev/null
    config="$TB_BASE/client/ssh_config"
    export CTYS_SSH_CONFIG="$config"
}
