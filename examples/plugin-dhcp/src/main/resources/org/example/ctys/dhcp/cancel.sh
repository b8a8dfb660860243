# Stops the dnsmasq this plugin started on bridge $2 and takes back the address it added.
#   cancel.sh <dir> <bridge>
# Prints "none" (nothing of this plugin's for that bridge) or "stopped".
set -eu
dir=$1 br=$2
pid=$dir/$br.pid
if [ -L "$dir" ] || [ ! -d "$dir" ] || [ "$(stat -c '%u %a' -- "$dir")" != "0 700" ] || [ ! -f "$pid" ]; then
    echo none; exit 0
fi
p=$(cat -- "$pid")
# only the process the pid file names and that is the dnsmasq with this pid file: a reused pid is left alone
if ctys_alive "$p" dnsmasq "--pid-file=$pid"; then
    kill -TERM "$p"
    i=0
    while ctys_alive "$p" dnsmasq "--pid-file=$pid"; do
        [ "$i" -lt 500 ] || { echo "dnsmasq $p did not stop within 5 s" >&2; exit 5; }
        i=$((i + 1)); sleep 0.01
    done
fi
if [ -f "$dir/$br.addr" ]; then
    ip addr del "$(cat -- "$dir/$br.addr")" dev "$br" 2>/dev/null || true
fi
rm -f -- "$pid" "$dir/$br.addr" "$dir/$br.leases"
rmdir -- "$dir" 2>/dev/null || true
echo stopped
