# The DHCP servers this plugin started, and their leases.
#   list.sh <dir>
# Prints "server <bridge> <pid> running|stopped" for each, then "lease <bridge> <mac> <ip> <name>" for its leases.
set -u
dir=$1
[ -d "$dir" ] && [ ! -L "$dir" ] || exit 0
for pid in "$dir"/*.pid; do
    [ -f "$pid" ] || continue
    br=${pid##*/}; br=${br%.pid}
    p=$(cat -- "$pid")
    if ctys_alive "$p" dnsmasq "--pid-file=$pid"; then state=running; else state=stopped; fi
    echo "server $br $p $state"
    # dnsmasq's lease file: <expiry> <mac> <ip> <hostname> <client id>
    [ -f "$dir/$br.leases" ] && while read -r _ mac ip name _; do
        echo "lease $br $mac $ip $name"
    done < "$dir/$br.leases"
done
exit 0
