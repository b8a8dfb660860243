#!/bin/sh
# The run command: installs what is missing, builds, and shows what ctys does today, without touching the
# machine's network. It grows with ctys until it brings up a switch and a guest and tears them down.
set -e
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
"$root/scripts/prerequisites.sh"
ctys="$root/ctys"
step() { printf '\n$ %s\n' "$*" >&2; "$@" || echo "(exit $?)" >&2; }
step "$ctys" -V
step "$ctys" plugins
step "$ctys" plugins localhost
step "$ctys" -H VDE
step "$ctys" -t QEMU -a list
step "$root/ctys-setupVDE" -b ctysbr0 --dry-run -X create
