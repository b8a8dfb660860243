#!/bin/sh
# The run command: installs what is missing, builds, and shows ctys at work without touching the machine's real
# network: a VDE switch is created, inspected and cancelled inside a scratch network namespace (removed at the
# end, also on failure). It grows with ctys until it also boots a guest on the switch.
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
trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$sockbase"' EXIT
ip netns add "$ns"
echo "ctys: created the scratch network namespace $ns; everything below happens inside it" >&2
in_ns() { CTYS_SOCKBASE="$sockbase" ip netns exec "$ns" "$@"; }
step in_ns "$root/ctys-setupVDE" -b ctysbr0 --dry-run create
step in_ns "$root/ctys-setupVDE" -b ctysbr0 create
step in_ns "$ctys" -t VDE -a check
step in_ns "$ctys" -t VDE -a ports
step in_ns "$ctys" -t VDE -a info
step in_ns ip -br link
step in_ns "$root/ctys-setupVDE" cancel
step in_ns ip -br link
