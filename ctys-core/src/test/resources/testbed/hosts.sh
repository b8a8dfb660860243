#!/bin/bash
# Test hosts for ctys: one network namespace per host, each with its own sshd, hostname (UTS ns) and clean home
# (mount ns), all on a bridge in a LAN namespace; the root namespace reaches them through one veth.
# Adapted from shared/reference/testbed.md section 1 and 6 (verified recipes).
#   hosts.sh up N      needs TB_BASE (a fresh directory), TB_PREFIX (short, unique), TB_NET (e.g. 10.199.7)
#   hosts.sh down      kills only processes inside our namespaces (and our ssh masters), deletes what up made
set -eu
BASE=$TB_BASE; P=$TB_PREFIX; NET=$TB_NET; C=$BASE/client
up() {
  N=$1; mkdir -p "$C" "$BASE/hosts" "$BASE/hostroot" "$BASE/cm"
  chmod 755 "$BASE" "$C"   # sshd reads authorized_keys as the login user, also the unprivileged one
  [ -f "$C/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C ctys-test -f "$C/id_ed25519"
  cp "$C/id_ed25519.pub" "$C/authorized_keys"; : > "$C/known_hosts"; : > "$C/ssh_config"
  mkdir -p /run/sshd
  ip netns add "$P-lan"; ip -n "$P-lan" link add br0 type bridge; ip -n "$P-lan" link set br0 up
  ip link add "$P-root" type veth peer name uplink netns "$P-lan"
  ip -n "$P-lan" link set uplink master br0 up
  ip addr add "$NET.1/24" dev "$P-root"; ip link set "$P-root" up
  # safety net: nothing for 10.199/16 beyond our own /24 ever leaves through the machine's real interface
  if ip route add unreachable 10.199.0.0/16 2>/dev/null; then touch "$BASE/route-added"; fi
  for i in $(seq 1 "$N"); do
    h=h$i; ns=$P-$h; d=$BASE/hosts/$h; ip4=$NET.$((10+i))
    mkdir -p "$d/state" "$d/home"; echo "I am $h" > "$d/state/marker"; echo "# clean home $h" > "$d/home/.bashrc"
    chmod 1777 "$d/state"     # like /var/tmp: the unprivileged user keeps its switch's state file there
    [ -f "$d/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N "" -C "$h" -f "$d/ssh_host_ed25519_key"
    cat > "$d/sshd_config" <<CFG
ListenAddress $ip4:22
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $C/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
SetEnv TB_HOST=$h TB_NETNS=$ns
MaxStartups 100:30:200
LogLevel VERBOSE
CFG
    ip netns add "$ns"
    ip link add eth0 netns "$ns" type veth peer name "$P$h" netns "$P-lan"
    ip -n "$P-lan" link set "$P$h" master br0 up
    ip -n "$ns" link set lo up; ip -n "$ns" addr add "$ip4/24" dev eth0; ip -n "$ns" link set eth0 up
    serve "$h"
    echo "$ip4 $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >> "$C/known_hosts"
    printf 'Host %s\n  HostName %s\n' "$h" "$ip4" >> "$C/ssh_config"
  done
  printf 'Host *\n  User root\n  IdentityFile %s/id_ed25519\n  IdentitiesOnly yes\n  UserKnownHostsFile %s/known_hosts\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 5\n  LogLevel ERROR\n' "$C" "$C" >> "$C/ssh_config"
  # one unprivileged user, allowed by sudo to run the network commands only (testbed.md section 5)
  U=$P-user
  useradd -M -d "$BASE/home-user" -s /bin/sh "$U"
  usermod -p '*' "$U"      # '!' (locked) would make sshd refuse the key login
  mkdir -p "$BASE/home-user"; echo "# clean home" > "$BASE/home-user/.profile"; chown "$U" "$BASE/home-user"
  printf '%s ALL=(root) NOPASSWD: /usr/sbin/ip link *, /usr/sbin/ip tuntap *\n' "$U" > "$BASE/sudoers"
  visudo -cqf "$BASE/sudoers"
  install -m 0440 -o root -g root "$BASE/sudoers" "/etc/sudoers.d/$P-test"
  echo "$U" > "$BASE/user"
  for i in $(seq 1 "$N"); do     # sshd forks before it listens: wait until every host answers
    for t in $(seq 50); do ssh -F "$C/ssh_config" "h$i" true 2>/dev/null && break; sleep 0.1; done
  done
}
serve() {      # starts the sshd of one host in a fresh UTS and mount namespace of its network namespace
  d=$BASE/hosts/$1
  # /dev/net/tun as Debian makes it (0666: a tap's owner opens it without root), in this host's mounts only
  [ -c "$d/tun" ] || { mknod "$d/tun" c 10 200 && chmod 0666 "$d/tun"; }
  ip netns exec "$P-$1" unshare --uts sh -c "hostname $1 && mount --bind $d/state $BASE/hostroot && \
      mount --bind $d/home /root && mount --bind $d/tun /dev/net/tun && \
      exec /usr/sbin/sshd -f $d/sshd_config -E $d/sshd.log"
}
down() {
  set +e
  nss=$(ip netns list | awk -v p="$P-" 'index($1, p) == 1 {print $1}')
  inos=$(for ns in $nss; do stat -L -c 'net:[%i]' "/run/netns/$ns"; done)
  pids=$(find /proc/[0-9]*/ns -maxdepth 1 -name net -printf '%h %l\n' 2>/dev/null |
         awk -v inos="$inos" 'BEGIN{n=split(inos,a,"\n"); for(i=1;i<=n;i++) w[a[i]]=1} ($2 in w){split($1,q,"/"); print q[3]}')
  cms=$(grep -las "^ssh: $BASE/cm/" /proc/[0-9]*/cmdline | cut -d/ -f3)
  pids="$pids $cms"
  [ -n "${pids// }" ] && kill $pids 2>/dev/null
  for i in $(seq 30); do
    left=""; for p in $pids; do [ -d "/proc/$p" ] && ! grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && left="$left $p"; done
    [ -z "$left" ] && break; sleep 0.1
  done
  [ -n "$left" ] && kill -9 $left 2>/dev/null
  for ns in $nss; do ip netns del "$ns"; done
  rm -f "/etc/sudoers.d/$P-test"
  id "$P-user" >/dev/null 2>&1 && userdel "$P-user" 2>/dev/null
  ip link del "$P-root" 2>/dev/null
  [ -f "$BASE/route-added" ] && ip route del unreachable 10.199.0.0/16 2>/dev/null
  rm -rf "$BASE"
  true
}
stop() {       # stops the sshd of one host (by its pid file), as a host that went down
  kill "$(cat "$BASE/hosts/$1/sshd.pid")"
  for t in $(seq 30); do ssh -F "$C/ssh_config" -o ConnectTimeout=1 "$1" true 2>/dev/null || return 0; sleep 0.1; done
  return 1
}
kill_all() {   # ends every sshd of one host, its connections too, as a crash of the host's ssh service
  me=$(stat -L -c 'net:[%i]' "/run/netns/$P-$1")
  for p in $(pgrep -x sshd); do [ "$(readlink "/proc/$p/ns/net")" = "$me" ] && kill -9 "$p"; done
  true
}
restart() {    # serve, and wait until the host answers
  serve "$1"
  for t in $(seq 50); do ssh -F "$C/ssh_config" "$1" true 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
cut_link() {   # takes the host's link down: its packets are dropped, no connection is refused or reset
  ip -n "$P-lan" link set "$P$1" down
}
mend_link() {  # and waits until the host answers: a neighbour entry that failed while cut can refuse for seconds
  ip -n "$P-lan" -o link show "$P$1" | grep -q "[<,]UP[,>]" && return 0
  ip -n "$P-lan" link set "$P$1" up
  ip neigh flush to "$NET.$((10+${1#h}))" 2>/dev/null || true
  for t in $(seq 100); do ssh -F "$C/ssh_config" -o ConnectTimeout=1 "$1" true 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
"$@"
