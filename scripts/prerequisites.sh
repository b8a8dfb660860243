#!/bin/sh
# Installs what ctys and its tests need on a fresh Debian machine, saying what it does. Sourced or run.
set -e
PACKAGES="openjdk-17-jdk-headless maven vde2 iproute2 bridge-utils openssh-server openssh-client qemu-system-x86 ipxe-qemu dnsmasq-base sudo asciidoctor net-tools time zsh man-db bash-completion ansible-core clustershell iputils-ping"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "ctys: missing Debian packages:$missing; install them as root: apt-get install$missing" >&2
        exit 2
    fi
    echo "ctys: installing Debian packages:$missing" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
fi
echo "ctys: Debian packages present: $PACKAGES" >&2
