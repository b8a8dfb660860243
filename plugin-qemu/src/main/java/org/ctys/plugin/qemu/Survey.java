package org.ctys.plugin.qemu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.ProcessCheck;
import org.ctys.spi.DataParser;

/**
 * What a target holds for its guests, read in one read-only round trip: the login user, the QEMU binary, whether
 * {@code /dev/kvm} is usable, the definition files along the path (with their text), and every guest ctys started
 * under CTYS_SOCKBASE with whether it still runs. A guest runs when the process of its pid file is alive, not a
 * zombie, and has its own QMP socket on its command line, so a reused pid is never taken for the guest.
 *
 * @param user the login user, whom guests run as
 * @param qemu the path of the QEMU binary, empty when it is missing
 * @param kvm {@code usable}, {@code no access} or {@code absent}
 * @param files the definition files found, in path order
 * @param guests the guests ctys started under CTYS_SOCKBASE
 */
record Survey(String user, String qemu, String kvm, List<DefinitionFile> files, List<Guest> guests) {

    private static final String SCRIPT = ProcessCheck.withFunction("""
            base=$1 limit=$2; shift 2
            printf 'U\\0%s\\0' "$(id -un)"
            printf 'Q\\0%s\\0' "$(command -v qemu-system-x86_64)"
            if [ -c /dev/kvm ]; then
              if (: <>/dev/kvm) 2>/dev/null; then k=usable; else k='no access'; fi
            else k=absent; fi
            printf 'K\\0%s\\0' "$k"
            one() {
              if [ -r "$1" ]; then printf 'F\\0%s\\0' "$1"; head -c "$limit" -- "$1"; printf '\\0'
              else printf 'E\\0%s\\0is not readable\\0' "$1"; fi
            }
            for a in "$@"; do
              d=${a#?:}
              case $d in "~/"*) d=$HOME/${d#"~/"};; esac
              case $a in
                f:*) if [ -f "$d" ]; then one "$d"; else printf 'E\\0%s\\0does not exist\\0' "$d"; fi;;
                d:*) for f in "$d"/*.yaml "$d"/*.yml; do [ -f "$f" ] && one "$f"; done;;
              esac
            done
            for s in "$base"/ctys-vm.*.ctys; do
              [ -f "$s" ] || continue
              p=${s%.ctys}; pid=$(cat "$p.pid" 2>/dev/null); st=stale
              if ctys_alive "$pid" "$p.qmp"; then st=running; fi
              printf 'G\\0%s\\0%s\\0%s\\0' "$p" "$st" "$pid"; cat -- "$s" 2>/dev/null; printf '\\0'
            done
            exit 0
            """);

    /**
     * A definition file as read on the target.
     *
     * @param path its path
     * @param text its text, {@code null} when it could not be read
     * @param error why it could not be read, or {@code null}
     */
    record DefinitionFile(String path, String text, String error) {
    }

    /**
     * A guest ctys started.
     *
     * @param prefix its files' common path, {@code <base>/ctys-vm.<user>.<label>}
     * @param running whether its process is alive
     * @param pid its pid as the pid file says, empty when there is none
     * @param state what ctys wrote when starting it (label, user, macs, switch, accel, definition)
     */
    record Guest(String prefix, boolean running, String pid, Map<String, String> state) {

        String label() {
            return state.getOrDefault("label", prefix.substring(prefix.lastIndexOf('.') + 1));
        }

        String user() {
            return state.getOrDefault("user", "");
        }
    }

    /**
     * @param files the files of a guest
     * @return the guest ctys started with these files, running or stale, empty when there is none
     */
    Optional<Guest> guest(RunFiles files) {
        return guests.stream().filter(g -> g.prefix().equals(files.prefix())).findFirst();
    }

    /**
     * @param runner the target's runner
     * @param base CTYS_SOCKBASE
     * @param locations {@code d:<directory>} or {@code f:<file>}, in the order to search
     * @return what the target holds
     */
    static Survey read(CommandRunner runner, String base, List<String> locations) {
        return of(runner.run(command(base, locations)));
    }

    /**
     * @param base CTYS_SOCKBASE
     * @param locations {@code d:<directory>} or {@code f:<file>}, in the order to search
     * @return the survey's command (read-only)
     */
    static Command command(String base, List<String> locations) {
        // a definition is read up to the most bytes a document within the parser's limit can have (4 a character
        // in UTF-8) and one more: such a document arrives whole, a longer one cut but still over the limit, which
        // the parser refuses at once
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "ctys-qemu-survey", base,
                Long.toString(4L * DataParser.MAX_DOCUMENT_CHARS + 1)));
        argv.addAll(locations);
        return Command.of(argv).asReadOnly();
    }

    /** @return what a run of {@link #command} reported */
    static Survey of(CommandResult result) {
        String[] fields = result.stdout().split("\0", -1);
        String user = "";
        String qemu = "";
        String kvm = "";
        List<DefinitionFile> files = new ArrayList<>();
        List<Guest> guests = new ArrayList<>();
        int i = 0;
        while (i < fields.length - 1) {
            String tag = fields[i++];
            int need = switch (tag) {
                case "F", "E" -> 2;
                case "G" -> 4;
                default -> 1;
            };
            if (i + need > fields.length) {
                break;
            }
            switch (tag) {
                case "U" -> user = fields[i++];
                case "Q" -> qemu = fields[i++];
                case "K" -> kvm = fields[i++];
                case "F" -> files.add(new DefinitionFile(fields[i++], fields[i++], null));
                case "E" -> files.add(new DefinitionFile(fields[i++], null, fields[i++]));
                case "G" -> guests.add(new Guest(fields[i++], "running".equals(fields[i++]), fields[i++],
                        state(fields[i++])));
                default -> i++;
            }
        }
        return new Survey(user, qemu, kvm, files, guests);
    }

    private static Map<String, String> state(String text) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                state.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return state;
    }

    /** @return the state file's text for a guest: one {@code key=value} line each, values without newlines */
    static String stateText(Map<String, String> state) {
        StringBuilder text = new StringBuilder();
        state.forEach((k, v) -> text.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        return text.toString();
    }
}
