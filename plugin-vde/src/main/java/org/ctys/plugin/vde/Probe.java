package org.ctys.plugin.vde;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;

/**
 * What is on the target now, read in one round trip by a constant, read-only script: the login user, the switch
 * user and group, the bridge and tap, each path's owner and type, the switch process, and what the last create
 * recorded. Nothing is changed, so it runs in dry runs too and the plan shown is this target's.
 */
final class Probe {

    // shell builtins and parameter expansions wherever they do the job: each command the script starts costs a
    // fork and an exec on every create and cancel, here and on every remote target (five, not twenty, in a plain run)
    private static final String SCRIPT = """
            u=$1 g=$2 br=$3 tap=$4 sock=$5 mgmt=$6 pidf=$7 state=$8 if=$9 base=${10}
            login=$(id -un)
            echo "login=$login"
            echo "logingroup=$(id -gn)"
            if [ -z "$u" ] && [ -n "$base" ]; then
              u=$login
              [ -n "$sock" ] || sock=$base/vde_switch0.$u
              [ -n "$mgmt" ] || mgmt=$base/vde_mgmt0.$u
              pidf=$mgmt.pid state=$mgmt.ctys
              h=$(printf '%s' "$mgmt" | sha256sum 2>/dev/null)
              tap=tap${h%"${h#????????}"}
              echo "derivedtap=$tap"
            fi
            if [ -n "$u" ] && ug=$(id -gn "$u" 2>/dev/null); then echo "user=$u"; echo "usergroup=$ug"; fi
            if [ -n "$g" ] && getent group "$g" >/dev/null 2>&1; then echo "group=$g"; fi
            command -v ip >/dev/null 2>&1 && echo "iproute2=yes"
            if [ -e "/sys/class/net/$br" ]; then
              if [ -d "/sys/class/net/$br/bridge" ]; then echo "bridge=yes"; else echo "bridge=other"; fi
            else echo "bridge=no"; fi
            if [ -e "/sys/class/net/$tap" ]; then echo "tap=yes"; else echo "tap=no"; fi
            # one stat for the paths that exist, each line ending in its name (the first | splits: %U %a %F have none)
            set --
            for p in sock mgmt pidf state; do
              eval f=\\$$p
              if [ -L "$f" ]; then echo "$p=symlink"
              elif [ -e "$f" ]; then set -- "$@" "$f"
              else echo "$p=none"; fi
            done
            [ -e /dev/net/tun ] && set -- "$@" /dev/net/tun
            [ $# -eq 0 ] || stat -L -c '%U %a %F|%n' -- "$@" 2>/dev/null | while IFS= read -r l; do
              v=${l%%|*} n=${l#*|}
              if [ "$n" = /dev/net/tun ]; then
                m=${v#* }
                case ${m%% *} in *6|*7) echo "tunforall=yes";; esac
              fi
              for p in sock mgmt pidf state; do eval f=\\$$p; [ "$f" != "$n" ] || echo "$p=$v"; done
            done
            if [ -s "$pidf" ]; then
              p= l=
              read -r p 2>/dev/null < "$pidf"
              read -r l 2>/dev/null < "/proc/$p/stat"
              s=${l##*) }
              case ${s%% *} in ''|Z) echo "pid=$p dead";; *) echo "pid=$p alive";; esac
            fi
            if [ -r "$state" ]; then
              sb=
              while IFS= read -r l || [ -n "$l" ]; do
                echo "saved.$l"
                case $l in bridge=*) sb=${l#bridge=};; esac
              done < "$state"
              if [ -n "$sb" ] && [ -d "/sys/class/net/$sb/brif" ]; then
                ms=
                for m in "/sys/class/net/$sb/brif"/*; do [ -e "$m" ] && ms=$ms${ms:+,}${m##*/}; done
                echo "savedbridgemembers=$ms"
              fi
            fi
            if [ -n "$if" ] && [ -e "/sys/class/net/$if" ] && command -v ip >/dev/null 2>&1; then
              ip -o link show dev "$if" | sed -n 's/.* master \\([^ ]*\\) .*/ifmaster=\\1/p'
              ip -o link show dev "$if" | sed -n 's/.*link\\/ether \\([0-9a-f:]*\\).*/ifmac=\\1/p'
              echo "ifaddrs=$(ip -o addr show dev "$if" scope global | sed -n 's/.* inet6\\{0,1\\} \\([^ ]*\\).*/\\1/p' | paste -sd';')"
              echo "ifroutes=$(ip -o route show dev "$if" | grep -v 'proto kernel' | sed 's/ *$//' | paste -sd';')"
            fi
            exit 0
            """;

    private final Map<String, String> values;

    private Probe(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param base the socket base: for a spec without a user, the script takes the login user's default paths
     *     there, as {@link SwitchSpec#withDefaults} does, and reports the tap name it derived ({@code derivedtap})
     * @return the probe's command (read-only)
     */
    static Command command(SwitchSpec spec, String base) {
        return Command.of(List.of("sh", "-c", SCRIPT, "ctys-vde-probe",
                spec.user() == null ? "" : spec.user(), spec.group() == null ? "" : spec.group(), spec.bridge(),
                spec.mgmt() == null ? "" : spec.tap(), nz(spec.sock()), nz(spec.mgmt()),
                spec.mgmt() == null ? "" : spec.pidFile(), spec.mgmt() == null ? "" : spec.stateFile(),
                nz(spec.iface()), spec.user() == null ? base : "")).asReadOnly();
    }

    /** Runs the probe on its own. */
    static Probe run(CommandRunner runner, SwitchSpec spec, String base) {
        return of(runner.run(command(spec, base)));
    }

    /** @return what a run of {@link #command} reported */
    static Probe of(CommandResult result) {
        Map<String, String> values = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new Probe(values);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    String get(String key) {
        return values.get(key);
    }

    boolean is(String key, String value) {
        return value.equals(values.get(key));
    }

    /** @return the switch's pid from its pid file, or {@code null} */
    String pid() {
        String pid = values.get("pid");
        return pid == null ? null : pid.split(" ")[0];
    }

    boolean alive() {
        String pid = values.get("pid");
        return pid != null && pid.endsWith(" alive");
    }

    /** @return the owner of a path ({@code sock}, {@code mgmt}, {@code pidf}, {@code state}), or {@code null} */
    String owner(String path) {
        String stat = values.get(path);
        return stat == null || stat.equals("none") || stat.equals("symlink") ? null : stat.split(" ")[0];
    }

    boolean exists(String path) {
        String stat = values.get(path);
        return stat != null && !stat.equals("none");
    }
}
