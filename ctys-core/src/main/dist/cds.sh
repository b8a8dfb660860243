#!/bin/sh
# Builds the class-data archive the launcher uses to start faster, by one training run of the distribution:
# the JDK 25 AOT cache (JEP 483/514) when the building JDK has it, otherwise a static AppCDS archive of the classes
# the training run loaded (-XX:DumpLoadedClassList, -Xshare:dump). Not a dynamic archive: that one skips classes
# of old class-file versions, and picocli's are Java 5 ("Old class has been linked"); the static one keeps them,
# which takes 40-55 ms more off each start (231 vs 270 ms for --expand, 349 vs 404 ms for a VDE list, here).
# The archive fits only the JVM that made it and these exact jars, so the launcher uses it only with the same java
# binary (recorded beside it) and the JVM itself ignores it, silently, when a jar changed.
#   cds.sh <dist directory> <java binary>
set -eu
dist=$1
java=$(readlink -f -- "$2")
rm -f "$dist"/lib/ctys.jsa "$dist"/lib/ctys.aot "$dist"/lib/ctys.cds-java
cp=; for jar in "$dist"/lib/*.jar; do cp="$cp${cp:+:}$jar"; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# representative runs: a plain line (plugin loading with PF4J, a fan-out, a table) and lines picocli reads (its
# model, a subcommand, the help); the static archive takes the classes of all of them, the AOT cache of the first
train() {  # train <JVM option> <ctys arguments...>
    option=$1; shift
    CTYS_SOCKBASE=$work CTYS_PLUGINS_PATH= CTYS_CONFIG= HOME=$work "$java" "$option" \
        -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dctys.home="$dist" -Dctys.face=ctys -cp "$cp" \
        org.ctys.core.cli.Main "$@" >/dev/null 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
}
if "$java" -XX:AOTCacheOutput="$work/probe.aot" -version >/dev/null 2>&1; then
    train -XX:AOTCacheOutput="$dist/lib/ctys.aot" -t VDE -a list
else
    train -XX:DumpLoadedClassList="$work/plain" -t VDE -a list
    train -XX:DumpLoadedClassList="$work/plugins" plugins -X
    train -XX:DumpLoadedClassList="$work/help" -h
    # in the order first loaded: a class list names a class after its supertypes
    awk '!seen[$0]++' "$work/plain" "$work/plugins" "$work/help" > "$work/classes"
    "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$dist/lib/ctys.jsa" \
        -XX:+UseSerialGC -cp "$cp" >"$work/dump" 2>&1 || { cat "$work/dump" >&2; exit 1; }
fi
printf '%s\n' "$java" > "$dist/lib/ctys.cds-java"
