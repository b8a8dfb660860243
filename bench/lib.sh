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

# start_libvirtd: the baseline a user would pick instead of ctys for a local network, libvirtd, started in a network
# namespace and a mount namespace of its own: its own /etc/libvirt (qemu.conf: user root), /run/libvirt,
# /var/lib/libvirt and /var/cache/libvirt under $TB_BASE, and a passwd with the libvirt-qemu user that Debian's
# libvirt-daemon-system would add, so that nothing of the machine's own is used or changed. Installs libvirt-daemon,
# libvirt-clients and iptables (libvirt's network driver needs it) when missing. Sets LV_URI for virsh.
start_libvirtd() {
    local missing="" p lv
    for p in libvirt-daemon libvirt-clients iptables; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "bench: installing$missing for the libvirt baseline" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
    fi
    lv="$TB_BASE/libvirt"
    mkdir -p "$lv/sock" "$lv/etc" "$lv/run" "$lv/lib" "$lv/cache"
    cp -r /etc/libvirt/. "$lv/etc/"
    printf 'user = "root"\ngroup = "root"\n' > "$lv/etc/qemu.conf"
    { cat /etc/passwd; echo 'libvirt-qemu:x:0:0:ctys bench:/nonexistent:/usr/sbin/nologin'; } > "$lv/passwd"
    { cat /etc/group; echo 'libvirt-qemu:x:0:'; grep -q '^kvm:' /etc/group || echo 'kvm:x:0:'; } > "$lv/group"
    printf 'unix_sock_dir = "%s"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\nlog_outputs = "3:file:%s"\n' \
        "$lv/sock" "$lv/libvirtd.log" > "$lv/libvirtd.conf"
    # mount points that do not exist are made for the run and removed again by stop_libvirtd
    LV_MADE=""
    for p in /run/libvirt /var/lib/libvirt /var/cache/libvirt; do
        [ -d "$p" ] || { mkdir "$p"; LV_MADE="$LV_MADE $p"; }
    done
    LV_NS="$TB_PREFIX-lv"
    ip netns add "$LV_NS"
    ip netns exec "$LV_NS" unshare -m sh -c "mount --bind '$lv/etc' /etc/libvirt &&
        mount --bind '$lv/passwd' /etc/passwd && mount --bind '$lv/group' /etc/group &&
        mount --bind '$lv/run' /run/libvirt && mount --bind '$lv/lib' /var/lib/libvirt &&
        mount --bind '$lv/cache' /var/cache/libvirt &&
        exec libvirtd -f '$lv/libvirtd.conf' --pid-file '$lv/libvirtd.pid'" >"$lv/out" 2>&1 &
    LV_PID=$!
    LV_URI="qemu:///system?socket=$lv/sock/libvirt-sock"
    for _ in $(seq 100); do
        virsh -q -c "$LV_URI" version >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "bench: libvirtd did not start:" >&2; cat "$lv/out" "$lv/libvirtd.log" >&2
    return 1
}

# stop_libvirtd: ends the libvirtd start_libvirtd started (by its PID) and removes what it made
stop_libvirtd() {
    [ -n "${LV_PID:-}" ] || return 0
    kill "$LV_PID" 2>/dev/null; wait "$LV_PID" 2>/dev/null
    ip netns del "$LV_NS" 2>/dev/null
    for p in $LV_MADE; do rmdir "$p" 2>/dev/null || rm -rf --one-file-system "$p"; done
    LV_PID=""
}
