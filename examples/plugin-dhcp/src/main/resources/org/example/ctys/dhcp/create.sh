# Starts dnsmasq as the DHCP server of bridge $2, unless the one this plugin started runs already.
#   create.sh <dir> <bridge> <address/prefix> <first> <last>
# Prints "up" (it runs, nothing done) or "started"; exit 3 when the bridge is missing, 4 when <dir> is not
# root's private directory. What it made is written down in <dir> for cancel: the pid file, the address it added.
set -eu
dir=$1 br=$2 addr=$3 first=$4 last=$5
[ -d "/sys/class/net/$br/bridge" ] ||
    { echo "no bridge $br here: create the switch first (ctys -t VDE -a create=b:$br)" >&2; exit 3; }
# root writes only into a directory it made and only it can change: never follow what another user planted
[ -d "$dir" ] || mkdir -m 0700 -- "$dir"
if [ -L "$dir" ] || [ "$(stat -c '%u %a' -- "$dir")" != "0 700" ]; then
    echo "refusing $dir: not a directory of root's with mode 0700" >&2; exit 4
fi
pid=$dir/$br.pid
if [ -f "$pid" ] && ctys_alive "$(cat -- "$pid")" dnsmasq "--pid-file=$pid"; then
    echo up; exit 0
fi
if ! ip -o addr show dev "$br" | grep -qF " $addr "; then
    ip addr add "$addr" dev "$br"
    printf '%s\n' "$addr" > "$dir/$br.addr"
fi
dnsmasq --conf-file=/dev/null --port=0 --user=root --interface="$br" --bind-interfaces --except-interface=lo \
    --dhcp-range="$first,$last,1h" --dhcp-authoritative --dhcp-leasefile="$dir/$br.leases" --pid-file="$pid"
echo started
