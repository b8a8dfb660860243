# What is on this host for one switch, read without changing anything, as key=value lines (a key may repeat).
# Arguments: user group bridge tap sock mgmt iface base. Without a user, the login user's default paths under
# base are taken and the tap's name is derived from the management socket's path (reported as derivedtap).
# Shell builtins and parameter expansions wherever they do the job: each program started costs a fork and an exec
# on every create and cancel, on every target.
u=$1 g=$2 br=$3 tap=$4 sock=$5 mgmt=$6 if=$7 base=$8
login=$(id -un) uid=$(id -u)
echo "login=$login"
echo "loginuid=$uid"
echo "logingroup=$(id -gn)"
echo "netns=$(readlink /proc/self/ns/net 2>/dev/null)"
if [ -z "$u" ]; then
  u=$login
  [ -n "$sock" ] || sock=$base/vde_switch0.$u
  [ -n "$mgmt" ] || mgmt=$base/vde_mgmt0.$u
  h=$(printf '%s' "$mgmt" | sha256sum 2>/dev/null)
  tap=tap${h%"${h#????????}"}
  echo "derivedtap=$tap"
fi
pidf=$mgmt.pid
# the records of the switches this login user made: a directory of its own, which no one else can write
recdir=$base/ctys-$uid record=$recdir/$tap.ctys
echo "recorddir=$recdir"
echo "recordfile=$record"
if ug=$(id -gn "$u" 2>/dev/null); then echo "user=$u"; echo "useruid=$(id -u "$u")"; echo "usergroup=$ug"; fi
if [ -n "$g" ] && getent group "$g" >/dev/null 2>&1; then echo "group=$g"; fi
command -v ip >/dev/null 2>&1 && echo "iproute2=yes"
if [ -e "/sys/class/net/$br" ]; then
  if [ -d "/sys/class/net/$br/bridge" ]; then echo "bridge=yes"; else echo "bridge=other"; fi
else echo "bridge=no"; fi
if [ -e "/sys/class/net/$tap" ]; then echo "tap=yes"; else echo "tap=no"; fi
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
    l=
    read -r l 2>/dev/null < "/proc/$p/stat"
    s=${l##*) }
    case ${s%% *} in
    ''|Z) echo "pid=$p dead" ;;
    *)
      echo "pid=$p alive"
      c=
      read -r c 2>/dev/null < "/proc/$p/comm"
      echo "pidcomm=$c"
      echo "piduid=$(stat -c %u "/proc/$p" 2>/dev/null)"
      echo "pidnetns=$(readlink "/proc/$p/ns/net" 2>/dev/null)"
      tr '\0' '\n' < "/proc/$p/cmdline" 2>/dev/null | while IFS= read -r a; do echo "pidarg=$a"; done ;;
    esac ;;
  esac
fi
if [ -f "$record" ] && [ ! -L "$record" ] && [ -r "$record" ]; then
  sb=
  while IFS= read -r l || [ -n "$l" ]; do
    echo "saved.$l"
    case $l in bridge=*) sb=${l#bridge=};; esac
  done < "$record"
  case $sb in
  ''|*/*) ;;
  *)
    if [ -d "/sys/class/net/$sb/brif" ]; then
      for m in "/sys/class/net/$sb/brif"/*; do [ -e "$m" ] && echo "savedbridgemember=${m##*/}"; done
    fi ;;
  esac
fi
# the interface -i moves, as ip -j prints it (one line each): its link, addresses, and routes in every table
if [ -n "$if" ] && [ -e "/sys/class/net/$if" ] && command -v ip >/dev/null 2>&1; then
  echo "ifjlink=$(ip -j link show dev "$if")"
  echo "ifjaddr=$(ip -j addr show dev "$if")"
  echo "ifjroute=$(ip -j route show table all dev "$if")"
fi
exit 0
