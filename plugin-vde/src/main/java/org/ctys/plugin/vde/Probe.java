package org.ctys.plugin.vde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.ProcessCheck;
import org.ctys.spi.support.Scripts;

/**
 * What is on the target now, read in one round trip by a constant, read-only script ({@code probe.sh} beside this
 * class): the login user, the switch user and group, the bridge and tap, each path's owner and type, the process
 * the pid file names, and what the last create recorded. Nothing is changed, so it runs in dry runs too and the plan
 * shown is this target's. The script reports; what is trusted is decided here and in {@link SwitchActions}.
 */
final class Probe {

    private static final String SCRIPT = ProcessCheck.withFunction(Scripts.text(VdePlugin.class, "probe.sh"));

    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;

    private Probe(Map<String, String> values, Map<String, List<String>> repeated) {
        this.values = values;
        this.repeated = repeated;
    }

    /**
     * @param spec the switch as the options name it
     * @param base the socket base, where the default sockets and the login user's record directory are
     * @return the probe's command (read-only)
     */
    static Command command(SwitchSpec spec, String base) {
        return Command.of(List.of("sh", "-c", SCRIPT, "ctys-vde-probe", nz(spec.user()), nz(spec.group()),
                nz(spec.bridge()), SwitchSpec.DEFAULT_BRIDGE, nz(spec.sock()), nz(spec.mgmt()), nz(spec.iface()), base))
                .asReadOnly();
    }

    /** Runs the probe on its own. */
    static Probe run(CommandRunner runner, SwitchSpec spec, String base) {
        return of(runner.run(command(spec, base)));
    }

    /** @return what a run of {@link #command} reported */
    static Probe of(CommandResult result) {
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String key = line.substring(0, eq);
                String value = line.substring(eq + 1);
                values.put(key, value);
                repeated.computeIfAbsent(key.startsWith("saved.") ? "saved" : key, k -> new ArrayList<>())
                        .add(key.startsWith("saved.") ? line.substring("saved.".length()) : value);
            }
        }
        return new Probe(values, repeated);
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

    /** @return every value a repeated key had, in order ({@code saved} for the record's lines) */
    List<String> all(String key) {
        return repeated.getOrDefault(key, List.of());
    }

    /** @return the switch's pid from its pid file, or {@code null} when there is none (or no number) */
    String pid() {
        String pid = values.get("pid");
        return pid == null || pid.equals("invalid") ? null : pid.split(" ")[0];
    }

    /** @return whether the pid file names a live process (which need not be the switch: see {@link #process}) */
    boolean alive() {
        String pid = values.get("pid");
        return pid != null && pid.endsWith(" alive");
    }

    /** @return the live process the pid file names */
    Optional<SwitchProcess> process() {
        if (!alive()) {
            return Optional.empty();
        }
        String uid = values.getOrDefault("piduid", "");
        return Optional.of(new SwitchProcess(pid(), values.getOrDefault("pidcomm", ""),
                uid.matches("[0-9]+") ? Integer.parseInt(uid) : -1, values.getOrDefault("pidnetns", ""),
                all("pidarg")));
    }

    /**
     * @param key {@code sock}, {@code mgmt}, {@code pidf}, {@code recdir} or {@code record}
     * @return what is there
     */
    PathState path(String key) {
        String path = switch (key) {
            case "recdir" -> values.get("recorddir");
            case "record" -> values.get("recordfile");
            default -> values.get("name." + key);
        };
        return PathState.of(path, values.get(key));
    }

    /**
     * @param what {@code sock}, {@code mgmt}, {@code pidf}, {@code tap} or {@code bridge}
     * @return its name as the probe made it from the options and the defaults
     */
    String name(String what) {
        return values.get("name." + what);
    }

    /** @return a number the probe reported ({@code loginuid}, {@code useruid}), or -1 */
    int number(String key) {
        String value = values.getOrDefault(key, "");
        return value.matches("[0-9]{1,10}") ? (int) Long.parseLong(value) : -1;
    }
}
