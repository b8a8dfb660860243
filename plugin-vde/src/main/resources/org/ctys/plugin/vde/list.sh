# The switches under a socket base, one line each: data socket|owner|group|access|state. The state is running (its
# pid file names a live vde_switch in this network namespace, or one whose namespace cannot be read), elsewhere (in
# another network namespace: not this one's to report) or stopped. The pid file is the one beside the management
# socket of the same name (vde_switch0.<x> and vde_mgmt0.<x>).
# Arguments: base
base=$1
netns=$(readlink /proc/self/ns/net 2>/dev/null)
for f in "$base"/vde_switch*; do
  [ -e "$f" ] || continue
  line=$(stat -c '%n|%U|%G|%A' -- "$f") || continue
  pidf=$base/vde_mgmt${f##*/vde_switch}.pid
  state=stopped p=
  if [ -f "$pidf" ] && [ ! -L "$pidf" ]; then
    read -r p 2>/dev/null < "$pidf"
    c=
    ctys_alive "$p" && read -r c 2>/dev/null < "/proc/$p/comm"
    if [ "$c" = vde_switch ]; then
      n=$(readlink "/proc/$p/ns/net" 2>/dev/null)
      if [ -z "$n" ] || [ "$n" = "$netns" ]; then state=running; else state=elsewhere; fi
    fi
  fi
  echo "$line|$state"
done
exit 0
