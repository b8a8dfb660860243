package org.example.ctys.hello;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.TargetFailureException;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.PluginContext;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.support.AbstractCtysPlugin;

/**
 * Session type HELLO, an example of a third-party plugin: {@code greet} says who and where it runs on each target;
 * {@code disks} reports the file systems of a path. Both run ordinary commands through the runner ctys hands in
 * (locally or over ssh, escalated when marked), and return records that ctys renders as a table, terse or JSON.
 */
public final class HelloPlugin extends AbstractCtysPlugin {

    /** Declares the session type, its actions, what it needs on a target, and its help. */
    public HelloPlugin() {
        super(Set.of("HELLO"),
                List.of(new ActionDescriptor("GREET", "greet[=name:<who>]", "greet from each target"),
                        new ActionDescriptor("DISKS", "disks[=path:<dir>]", "the file system of a directory")),
                List.of(Prerequisite.program("uname", "coreutils", "names the host"),
                        Prerequisite.program("df", "coreutils", "reads file system usage")),
                """
                HELLO - an example plugin

                  ctys -t HELLO -a greet[=name:<who>] [targets]
                  ctys -t HELLO -a disks[=path:<dir>] [targets]
                """);
    }

    @Override
    public ActionResult perform(ActionRequest request, PluginContext context) {
        return switch (request.action()) {
            case "GREET" -> greet(request, context);
            case "DISKS" -> disks(request, context);
            default -> throw notAvailableYet(request);
        };
    }

    private static ActionResult greet(ActionRequest request, PluginContext context) {
        String who = request.subOptions().value("name").orElse("world");
        // one round trip: two commands in one sh, their arguments passed as "$@" (never pasted into the script)
        CommandResult result = context.runner().run(Command.of("sh", "-c", "uname -n; id -un").asReadOnly());
        List<String> lines = result.stdout().lines().toList();
        if (!result.succeeded() || lines.size() < 2) {
            throw new TargetFailureException(TargetFailureException.Reason.EXIT, "uname/id failed on "
                    + context.target() + ": " + result.stderr().strip());
        }
        return ActionResult.unchanged("greeted " + who, List.of(new Greeting("hello " + who, lines.get(0),
                lines.get(1))));
    }

    /**
     * What {@code greet} prints: a record's components are the columns, in order.
     *
     * @param greeting the greeting
     * @param hostname the target's host name
     * @param user the login user there
     */
    public record Greeting(String greeting, String hostname, String user) {
    }

    private static ActionResult disks(ActionRequest request, PluginContext context) {
        String path = request.subOptions().value("path").orElse("/");
        if (!path.startsWith("/")) {
            throw new UsageException("path '" + path + "' must be absolute, e.g. disks=path:/var");
        }
        CommandResult result = context.runner().run(Command.of("df", "-P", "-k", "--", path).asReadOnly());
        if (!result.succeeded()) {
            throw new TargetFailureException(TargetFailureException.Reason.EXIT, "df " + path + " failed on "
                    + context.target() + ": " + result.stderr().strip());
        }
        List<Disk> rows = new ArrayList<>();
        for (String line : result.stdout().lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+", 6);
            if (f.length == 6) {
                rows.add(new Disk(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), f[5]));
            }
        }
        return ActionResult.unchanged(rows.size() + " file systems", rows);
    }

    /**
     * What {@code disks} prints, one per file system.
     *
     * @param filesystem the device or source
     * @param sizeKiB its size in KiB
     * @param usedKiB KiB used
     * @param availableKiB KiB available
     * @param mountedOn where it is mounted
     */
    public record Disk(String filesystem, long sizeKiB, long usedKiB, long availableKiB, String mountedOn) {
    }
}
