package org.ctys.plugin.qemu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandRunner;
import org.ctys.spi.PluginContext;

/**
 * {@code -a info}: what QEMU offers on a target, read in one round trip: version, accelerators, whether it can
 * plug guests into VDE switches, and whether KVM is usable ({@code /dev/kvm} opens read-write).
 */
final class QemuInfo {

    private static final String SCRIPT = """
            q=$1
            if ! command -v "$q" >/dev/null 2>&1; then echo "missing=$q"; exit 0; fi
            echo "path=$(command -v "$q")"
            echo "version=$("$q" -version 2>/dev/null | head -1)"
            echo "accel=$("$q" -accel help 2>/dev/null | tail -n +2 | paste -sd, -)"
            echo "netdev=$("$q" -netdev help 2>/dev/null | tail -n +2 | paste -sd, -)"
            if [ -c /dev/kvm ]; then
              if (: <>/dev/kvm) 2>/dev/null; then echo "kvm=usable"; else echo "kvm=no access"; fi
            else echo "kvm=absent"; fi
            """;

    private static final Pattern VERSION = Pattern.compile("version (\\S+)");

    private QemuInfo() {
    }

    static ActionResult read(PluginContext context) {
        CommandRunner runner = context.runner();
        String out = runner.run(Command.of("sh", "-c", SCRIPT, "ctys-qemu-info", QemuCommandLine.BINARY).asReadOnly()).stdout();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (values.containsKey("missing")) {
            throw new EnvironmentException(QemuCommandLine.BINARY + " is not installed on " + context.target()
                    + " (Debian package qemu-system-x86)");
        }
        if (values.isEmpty()) {
            return ActionResult.of("not read in a dry run");
        }
        Matcher version = VERSION.matcher(values.getOrDefault("version", ""));
        Row row = new Row(values.get("path"), version.find() ? version.group(1) : values.get("version"),
                List.of(values.getOrDefault("accel", "").split(",")),
                List.of(values.getOrDefault("netdev", "").split(",")).contains("vde"), values.get("kvm"));
        return ActionResult.unchanged("QEMU on " + context.target(), List.of(row));
    }

    /**
     * QEMU on a target as {@code info} reports it.
     *
     * @param binary the QEMU binary's path
     * @param version its version
     * @param accelerators the accelerators it offers
     * @param vde whether it can plug a nic into a VDE switch
     * @param kvm whether {@code /dev/kvm} is usable, as the look reported it
     */
    public record Row(String binary, String version, List<String> accelerators, boolean vde, String kvm) {
    }
}
