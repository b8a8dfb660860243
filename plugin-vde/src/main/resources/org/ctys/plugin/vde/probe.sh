# What is on this host for one switch, read without changing anything, as key=value lines (a key may repeat).
# Arguments: user group bridge default-bridge sock mgmt iface base, each empty when not given. This script is the
# one place that names a switch's files: without a user, the login user's; without sockets, <base>/vde_switch0.<user>
# and <base>/vde_mgmt0.<user>; the pid file beside the management socket; the tap named by 8 hex digits of the
# management socket's path; the bridge and interface of the switch's record unless given.
# Shell builtins and parameter expansions wherever they do the job: each program started costs a fork and an exec
# on every create and cancel, on every target.
u=$1 g=$2 br=$3 defbr=$4 sock=$5 mgmt=$6 if=$7 base=$8
login=$(id -un) uid=$(id -u)
echo "login=$login"
echo "loginuid=$uid"
echo "logingroup=$(id -gn)"
netns=$(readlink /proc/self/ns/net 2>/dev/null)
echo "netns=$netns"
[ -n "$u" ] || u=$login
[ -n "$sock" ] || sock=$base/vde_switch0.$u
[ -n "$mgmt" ] || mgmt=$base/vde_mgmt0.$u
h=$(printf '%s' "$mgmt" | sha256sum 2>/dev/null)
tap=tap${h%"${h#????????}"}
pidf=$mgmt.pid
# the records of the switches this login user made: a directory of its own, which no one else can write
recdir=$base/ctys-$uid record=$recdir/$tap.ctys
echo "name.sock=$sock"
echo "name.mgmt=$mgmt"
echo "name.pidf=$pidf"
echo "name.tap=$tap"
echo "recorddir=$recdir"
echo "recordfile=$record"
if ug=$(id -gn "$u" 2>/dev/null); then echo "user=$u"; echo "useruid=$(id -u "$u")"; echo "usergroup=$ug"; fi
if [ -n "$g" ] && getent group "$g" >/dev/null 2>&1; then echo "group=$g"; fi
command -v ip >/dev/null 2>&1 && echo "iproute2=yes"
# the record, unless it is a link or not readable (whether it may be trusted is decided by its reader)
sb= si= sn=
if [ -f "$record" ] && [ ! -L "$record" ] && [ -r "$record" ]; then
  while IFS= read -r l || [ -n "$l" ]; do
    echo "saved.$l"
    case $l in
    bridge=*) sb=${l#bridge=} ;;
    iface=*) si=${l#iface=} ;;
    netns=*) sn=${l#netns=} ;;
    esac
  done < "$record"
fi
# a record of another network namespace: does that namespace still exist (a named one, or one a process is in)?
if [ -n "$sn" ] && [ "$sn" != "$netns" ]; then
  alive=no
  for n in /run/netns/*; do
    [ -e "$n" ] && [ "net:[$(stat -L -c %i "$n" 2>/dev/null)]" = "$sn" ] && { alive=yes; break; }
  done
  if [ $alive = no ]; then
    for n in /proc/[0-9]*/ns/net; do
      [ "$(readlink "$n" 2>/dev/null)" = "$sn" ] && { alive=yes; break; }
    done
  fi
  echo "savednetns=$alive"
fi
case $sb in ''|*/*|.|..) sb= ;; esac
case $si in ''|*/*|.|..) si= ;; esac
[ -n "$br" ] || br=${sb:-$defbr}
[ -n "$if" ] || if=$si
echo "name.bridge=$br"
if [ -e "/sys/class/net/$br" ]; then
  if [ -d "/sys/class/net/$br/bridge" ]; then echo "bridge=yes"; else echo "bridge=other"; fi
  read -r f 2>/dev/null < "/sys/class/net/$br/flags" && [ $((f & 1)) = 1 ] && echo "bridgeup=yes"
  for m in "/sys/class/net/$br/brif"/*; do [ -e "$m" ] && echo "bridgemember=${m##*/}"; done
else echo "bridge=no"; fi
# a tun/tap device has tun_flags; another device under the tap's name is not ours
if [ -e "/sys/class/net/$tap/tun_flags" ]; then echo "tap=yes"
elif [ -e "/sys/class/net/$tap" ]; then echo "tap=other"
else echo "tap=no"; fi
# one stat for the paths that exist, each line ending in its name (the first | splits: %U %a %F have none); a
# symbolic link is reported as one, never followed
set --
for p in sock mgmt pidf recdir record; do
  eval f=\$$p
  if [ -L "$f" ]; then echo "$p=symlink"
  elif [ -e "$f" ]; then set -- "$@" "$f"
  else echo "$p=none"; fi
done
[ -e /dev/net/tun ] && set -- "$@" /dev/net/tun
[ $# -eq 0 ] || stat -L -c '%u %U %a %F|%n' -- "$@" 2>/dev/null | while IFS= read -r l; do
  v=${l%%|*} n=${l#*|}
  if [ "$n" = /dev/net/tun ]; then
    m=${v#* * }
    case ${m%% *} in *6|*7) echo "tunforall=yes";; esac
  fi
  for p in sock mgmt pidf recdir record; do eval f=\$$p; [ "$f" != "$n" ] || echo "$p=$v"; done
done
# the process the pid file names, as /proc shows it: whether it is the switch is decided by its reader
if [ -f "$pidf" ] && [ ! -L "$pidf" ]; then
  p=
  read -r p 2>/dev/null < "$pidf"
  case $p in
  ''|*[!0-9]*) echo "pid=invalid" ;;
  *)
    if ! ctys_alive "$p"; then
      echo "pid=$p dead"
    else
      echo "pid=$p alive"
      c=
      read -r c 2>/dev/null < "/proc/$p/comm"
      echo "pidcomm=$c"
      echo "piduid=$(stat -c %u "/proc/$p" 2>/dev/null)"
      echo "pidnetns=$(readlink "/proc/$p/ns/net" 2>/dev/null)"
      tr '\0' '\n' < "/proc/$p/cmdline" 2>/dev/null | while IFS= read -r a; do echo "pidarg=$a"; done
    fi ;;
  esac
fi
# the interface -i moves (or the record moved), as ip -j prints it (one line each): its link, addresses, and
# routes in every table
if [ -n "$if" ] && [ -e "/sys/class/net/$if" ] && command -v ip >/dev/null 2>&1; then
  echo "ifjlink=$(ip -j link show dev "$if")"
  echo "ifjaddr=$(ip -j addr show dev "$if")"
  echo "ifjroute=$(ip -j route show table all dev "$if")"
  [ -d "/sys/class/net/$br/bridge" ] && echo "bridgejaddr=$(ip -j addr show dev "$br")"
  # who else configures it (a network manager would undo or fight a move): the managers of the initial namespace,
  # where they run (and where interface indexes and names are theirs), and a DHCP client on it in this namespace.
  # The initial namespace is init's; where init's cannot be read (a container), the one without an ip netns name
  init=$(readlink /proc/1/ns/net 2>/dev/null)
  if [ "$init" = "$netns" ] || { [ -z "$init" ] && [ -z "$(ip netns identify 2>/dev/null)" ]; }; then
    if command -v nmcli >/dev/null 2>&1; then
      case $(nmcli -t -g GENERAL.STATE device show "$if" 2>/dev/null) in ''|10*|20*) ;; *) echo "ifmanager=NetworkManager";; esac
    fi
    read -r idx 2>/dev/null < "/sys/class/net/$if/ifindex"
    grep -qs '^ADMIN_STATE=configured' "/run/systemd/netif/links/$idx" && echo "ifmanager=systemd-networkd"
    [ -e "/run/network/ifstate.$if" ] && echo "ifmanager=ifupdown"
  fi
  for p in $(pgrep -x 'dhclient|dhcpcd|dhcpcd5|udhcpc|dhcpcd-bin' 2>/dev/null); do
    [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$netns" ] || continue
    tr '\0' '\n' < "/proc/$p/cmdline" 2>/dev/null | grep -qx -- "$if" || continue
    read -r c 2>/dev/null < "/proc/$p/comm"
    echo "ifmanager=the DHCP client $c (pid $p)"
  done
fi
exit 0
