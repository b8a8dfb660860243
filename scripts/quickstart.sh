#!/bin/sh
# The run command: installs what is missing, builds, and shows ctys at work without touching the machine's real
# network: a VDE switch is created, inspected and cancelled inside a scratch network namespace (removed at the
# end, also on failure), a diskless guest boots on it and gets a DHCP lease from dnsmasq on the bridge, and
# everything is torn down again.
set -e
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
"$root/scripts/prerequisites.sh"
ctys="$root/ctys"
step() { printf '\n$ %s\n' "$*" >&2; "$@" || echo "(exit $?)" >&2; }
step "$ctys" -V
step "$ctys" plugins
step "$ctys" plugins localhost
step "$ctys" --expand -l admin 'web[01-03](-Z SUDO)' 'root@db:2222'
step "$ctys" -t CLI -a create=l:hello,cmd:uname%-sr localhost
if [ "$(id -u)" != 0 ]; then
    echo "ctys: the switch demo needs root (a scratch network namespace); run this script as root to see it" >&2
    exit 0
fi
ns=ctys-quickstart-$$
sockbase=$(mktemp -d /tmp/ctys-quickstart-XXXXXX)
cleanup() {
    # only what this script started, by its pid files in its own private directory: the guest, dnsmasq, the
    # switch; then the namespace
    for p in "$sockbase"/ctys-vm.*.pid "$sockbase"/dnsmasq.pid "$sockbase"/vde_mgmt0.*.pid; do
        [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
    done
    ip netns del "$ns" 2>/dev/null
    rm -rf "$sockbase"
}
trap cleanup EXIT
ip netns add "$ns"
echo "ctys: created the scratch network namespace $ns; everything below happens inside it" >&2
mkdir "$sockbase/vms"
cat > "$sockbase/vms/pxe1.yaml" <<'YAML'
# a guest with no disk: QEMU's iPXE network ROM asks the bridge's DHCP server for a lease
label: pxe1
memory: 64
boot: [network]
nics:
  - mac: 52:54:00:c7:00:01
    model: e1000
YAML
in_ns() { CTYS_SOCKBASE="$sockbase" CTYS_VM_PATH="$sockbase/vms" ip netns exec "$ns" "$@"; }
step in_ns "$root/ctys-setupVDE" -b ctysbr0 --dry-run create
step in_ns "$root/ctys-setupVDE" -b ctysbr0 create
step in_ns "$ctys" -t VDE -a check
step in_ns "$ctys" -t VDE -a info
step in_ns ip -br link
# the admin's DHCP server on the bridge (dnsmasq, DNS off), as a real network would have
step in_ns ip addr add 10.199.250.1/24 dev ctysbr0
step in_ns dnsmasq --conf-file=/dev/null --port=0 --user=root --interface=ctysbr0 --bind-interfaces \
    --except-interface=lo --dhcp-range=10.199.250.100,10.199.250.150,255.255.255.0,1h --dhcp-authoritative \
    --log-dhcp --dhcp-leasefile="$sockbase/leases" --pid-file="$sockbase/dnsmasq.pid" \
    --log-facility="$sockbase/dnsmasq.log"
step in_ns "$ctys" -t QEMU -a info
step in_ns "$ctys" -t QEMU -a enumerate
step in_ns "$ctys" -t QEMU -a create=l:pxe1 --dry-run
step in_ns "$ctys" -t QEMU -a create=l:pxe1
step in_ns "$ctys" -t QEMU -a list
step in_ns "$ctys" -t VDE -a ports
printf '\n$ # waiting for the guest'"'"'s DHCP lease (iPXE -> vde_switch -> tap -> ctysbr0 -> dnsmasq)\n' >&2
for _ in $(seq 60); do grep -q 'DHCPACK.*52:54:00:c7:00:01' "$sockbase/dnsmasq.log" && break; sleep 1; done
grep 'DHCPACK.*52:54:00:c7:00:01' "$sockbase/dnsmasq.log" >&2 || echo "ctys: no lease within 60 s" >&2
step in_ns ip neigh show dev ctysbr0
step in_ns "$root/ctys-setupVDE" cancel
step in_ns "$ctys" -t QEMU -a cancel=l:pxe1,timeout:3
step in_ns "$ctys" -t QEMU -a list
step in_ns "$root/ctys-setupVDE" cancel
step in_ns ip -br link
