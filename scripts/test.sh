#!/bin/sh
# The test command: installs what is missing, builds, runs unit and integration tests (mvn verify).
# Integration tests need root for network namespaces; with CTYS_REQUIRE_SYSTEM_TESTS=1 a missing prerequisite
# fails the build instead of skipping the test.
set -e
root=$(dirname -- "$(dirname -- "$(readlink -f -- "$0")")")
"$root/scripts/prerequisites.sh"
cd "$root"
# Java 17 is the floor and JDK 25 the newest: everything, integration tests included, runs on both (the JDK 25
# that these machines carry beside the default 17), 25 first
jdk25=$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25-openjdk* 2>/dev/null | head -n 1)
if [ -n "$jdk25" ]; then
    echo "ctys: building and testing with JDK 25 ($jdk25) ..." >&2
    # install, not verify: the examples' integration tests build against the installed ctys-api
    JAVA_HOME=$jdk25 mvn -B -ntp clean install "$@"
elif [ "${CTYS_REQUIRE_SYSTEM_TESTS:-}" = 1 ]; then
    echo "ctys: no JDK 25 under /usr/lib/jvm, and CTYS_REQUIRE_SYSTEM_TESTS=1 requires the build on it" >&2
    exit 2
else
    echo "ctys: no JDK 25 under /usr/lib/jvm: building and testing with the default JDK only" >&2
fi
echo "ctys: building, testing and installing into ~/.m2 (mvn install, so that examples/ build against it; Maven fetches its dependencies on first use) ..." >&2
exec mvn -B -ntp clean install "$@"
