# The cables of labs on the control host: each a supervisor that keeps one dpipe running (restarted a second
# after it ends) and whose pid file and log are in the lab records directory. ctys_alive is defined before this.
#   cable start <id> <argv...>   starts the supervisor of cable <id> unless it runs; prints started or up
#   cable status <id>            exit 0 when its supervisor and a dpipe of it run; else prints why, exit 1
#   cable stop <id>              stops it; prints removed or absent
set -u
dir=${XDG_STATE_HOME:-$HOME/.local/state}/ctys/labs
verb=$1 id=$2; shift 2
pidfile=$dir/$id.cable.pid log=$dir/$id.cable.log name=ctys-cable-$id
if [ -d "$dir" ]; then
    [ ! -L "$dir" ] && [ "$(stat -c %u -- "$dir")" = "$(id -u)" ] || { echo "$dir is not $(id -un)'s" >&2; exit 4; }
    case $(stat -c %A -- "$dir") in ?????-??-*) ;; *) echo "$dir may be written by others" >&2; exit 4;; esac
fi
pid=; [ -f "$pidfile" ] && read -r pid < "$pidfile"
running() { [ -n "$pid" ] && ctys_alive "$pid" "$name"; }
# a process of the supervisor's session that is not a zombie (one may stay a zombie for seconds here and there)
session_alive() { for p in $(pgrep -s "$pid"); do ctys_alive "$p" && return 0; done; return 1; }
case $verb in
start)
    if running; then echo up; exit 0; fi
    umask 077; mkdir -p -- "$dir"
    # a session of its own: it outlives this command and its ssh connection, and stops as one session
    setsid sh -c 'echo $$ > "$1"; shift; while :; do "$@"; sleep 1; done' "$name" "$pidfile" "$@" \
        < /dev/null > "$log" 2>&1 &
    i=0; while [ $i -lt 100 ]; do [ -s "$pidfile" ] && break; sleep 0.01; i=$((i + 1)); done
    echo started ;;
status)
    running || { echo "not running"; exit 1; }
    pgrep -P "$pid" -x dpipe > /dev/null && exit 0
    echo "reconnecting: $(tail -n 1 "$log" 2>/dev/null)"; exit 1 ;;
stop)
    if ! running; then rm -f -- "$pidfile" "$log"; echo absent; exit 0; fi
    # the whole session: dpipe puts itself and the commands it joins in a process group of their own
    pkill -TERM -s "$pid"
    i=0; while session_alive && [ $i -lt 300 ]; do sleep 0.01; i=$((i + 1)); done
    session_alive && pkill -KILL -s "$pid"
    rm -f -- "$pidfile" "$log"; echo removed ;;
*)
    echo "unknown verb $verb" >&2; exit 2 ;;
esac
