#!/bin/sh
# The test command: installs what is missing, builds, runs unit and integration tests (mvn verify).
# Integration tests need root for network namespaces; with CTYS_REQUIRE_SYSTEM_TESTS=1 a missing prerequisite
# fails the build instead of skipping the test.
set -e
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
"$root/scripts/prerequisites.sh"
cd "$root"
echo "ctys: building, testing and installing into ~/.m2 (mvn install, so that examples/ build against it; Maven fetches its dependencies on first use) ..." >&2
exec mvn -B -ntp install "$@"
