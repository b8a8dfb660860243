package org.ctys.plugin.qemu;

import java.time.Duration;
import java.util.List;
import org.ctys.api.ActionResult;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.ProcessCheck;
import org.ctys.spi.PluginContext;

/**
 * {@code -a cancel=l:<label>}: stops a guest in stages, each with a deadline: ACPI power-down (the guest shuts
 * down itself), QMP {@code quit}, then SIGTERM and SIGKILL to the pid of its pid file, and only while that process
 * still has the guest's QMP socket on its command line. Afterwards its sockets, pid file and state file are gone.
 * {@code force} skips the power-down; {@code reset} and {@code pause} act on the running guest and stop nothing.
 */
final class CancelGuest {

    private static final int DEFAULT_TIMEOUT = 30;
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final String FINISH = ProcessCheck.withFunction("""
            p=$1; pid=$2
            gone() { ! ctys_alive "$pid" "$p.qmp"; }
            waitgone() { i=0; while [ $i -lt "$1" ]; do gone && return 0; sleep 0.1; i=$((i+1)); done; gone; }
            how=exited
            if ! waitgone 30; then
              how=terminated; kill -TERM "$pid" 2>/dev/null
              if ! waitgone 30; then
                how=killed; kill -KILL "$pid" 2>/dev/null
                waitgone 30 || { echo "pid $pid survived SIGKILL"; exit 1; }
              fi
            fi
            rm -f "$p.qmp" "$p.pid" "$p.ctys" "$p.serial" "$p.vnc"
            echo "$how"
            """);

    /**
     * What to stop, and how.
     *
     * @param label the guest's label
     * @param mode {@code poweroff}, {@code force}, {@code reset} or {@code pause}
     * @param timeout seconds the power-down may take
     */
    record Order(String label, String mode, int timeout) {

        /** @return the order of {@code cancel=l:<label>[,poweroff|force|reset|pause][,timeout:<s>]} */
        static Order of(SubOptions options) {
            String label = QemuEngine.label(options, "CANCEL");
            List<String> modes = List.of("poweroff", "reset", "pause", "force").stream().filter(options::has).toList();
            if (modes.size() > 1) {
                throw new UsageException("cancel takes one of poweroff, reset, pause or force, not " + modes);
            }
            return new Order(label, modes.isEmpty() ? "poweroff" : modes.get(0), seconds(options));
        }
    }

    private final PluginContext context;
    private final Order order;

    CancelGuest(PluginContext context, Order order) {
        this.context = context;
        this.order = order;
    }

    ActionResult run() {
        String label = order.label();
        String mode = order.mode();
        int timeout = order.timeout();
        Survey survey = Survey.read(context.runner(), context.socketBase(), List.of());
        RunFiles files = new RunFiles(context.socketBase(), survey.user(), label);
        Survey.Guest guest = survey.guest(files).orElse(null);
        if (guest == null) {
            return ActionResult.unchanged("guest " + label + " of " + survey.user() + " is not running", List.of());
        }
        Long pid = number(guest.pid());
        if (mode.equals("reset") || mode.equals("pause")) {
            requireRunning(guest, label);
            if (!context.dryRun()) {
                try (QmpClient qmp = qmp(files, COMMAND_TIMEOUT)) {
                    qmp.execute(mode.equals("reset") ? "system_reset" : "stop");
                }
            }
            String done = mode.equals("reset") ? "reset" : "paused";
            return ActionResult.changed(done + " guest " + label, List.of(new Row(label, pid, done)));
        }
        String stopped = null;
        if (guest.running() && !context.dryRun()) {
            boolean powerOff = mode.equals("poweroff") && timeout > 0;
            if (powerOff && stage(files, "system_powerdown", Duration.ofSeconds(timeout))) {
                stopped = "powered off";
            } else if (stage(files, "quit", QUIT_TIMEOUT)) {
                stopped = "quit";
            }
        }
        CommandResult finished = context.runner().run(Command.of("sh", "-c", FINISH, "ctys-qemu-cancel",
                files.prefix(), guest.pid()));
        if (!finished.succeeded()) {
            throw new EnvironmentException("guest " + label + " on " + context.target() + " did not stop: "
                    + CreateGuest.firstLine(finished.stdout() + finished.stderr(), "exit " + finished.exitCode()));
        }
        String how = !guest.running() ? "stale files removed"
                : stopped != null && finished.stdout().strip().equals("exited") ? stopped : finished.stdout().strip();
        Row row = new Row(label, pid, how.isEmpty() ? "planned" : how);
        return ActionResult.changed("stopped guest " + label + " (" + row.status() + ")", List.of(row));
    }

    /**
     * A guest as {@code cancel} reports it.
     *
     * @param label the guest's label
     * @param pid its QEMU process, or {@code null} when its files named none
     * @param status how it ended ({@code quit}, {@code powered off}, {@code killed}, ...), {@code reset},
     *               {@code paused}, or {@code planned} in a dry run
     */
    public record Row(String label, Long pid, String status) {
    }

    /**
     * Sends one command and waits for QEMU to close the socket.
     *
     * @return whether QEMU closed it in time; false also when the socket is gone or QEMU went mid-command, where the
     *         next stage, at the latest FINISH, settles what happened
     */
    private boolean stage(RunFiles files, String command, Duration deadline) {
        try (QmpClient qmp = qmp(files, deadline)) {
            return qmp.sendAndAwaitClose(command);
        } catch (CtysException e) {
            return false;
        }
    }

    private QmpClient qmp(RunFiles files, Duration timeout) {
        return new QmpClient(context.connect(files.qmp(), timeout), QemuEngine.parser(context), files.qmp());
    }

    private void requireRunning(Survey.Guest guest, String label) {
        if (!guest.running()) {
            throw new EnvironmentException("guest " + label + " is not running (stale files of a killed guest); "
                    + "cancel=l:" + label + " removes them");
        }
    }

    private static int seconds(SubOptions options) {
        String value = options.value("timeout").orElse(Integer.toString(DEFAULT_TIMEOUT));
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("timeout '" + value + "' is not valid; expected seconds from 0 to 3600");
    }

    /** @return a pid as a number for the records, {@code null} when there is none */
    static Long number(String pid) {
        return pid == null || !pid.matches("[0-9]{1,18}") ? null : Long.valueOf(pid);
    }
}
