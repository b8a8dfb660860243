package org.ctys.core.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ctys.api.EnvironmentException;
import org.ctys.api.PrivilegeException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.Privilege;

/**
 * Runs a plugin's commands on one target: turns each {@link Command} into the argv for the target (escalation for
 * root, environment, directory, a remote deadline), hands it to the transport, and tells apart the ways it can end:
 * a result (any exit status), an unreachable target, a deadline passed, a refused escalation.
 */
public final class TargetCommandRunner implements CommandRunner {

    /** {@code timeout}'s exit status when it stopped the command. */
    private static final int TIMED_OUT = 124;
    /** Seconds between TERM and KILL when the remote deadline passes. */
    private static final int KILL_AFTER = 2;

    private final Target target;
    private final Transport transport;
    private final Escalation escalation;
    private final Instant deadline;
    private final Consumer<PlannedCommand> dryRun;
    private final boolean rootHere;
    /** The action's locks, whose holder runs the commands it can; {@code null}: every command its own session. */
    private final ActionLocks locks;

    /**
     * @param target the target
     * @param transport how commands reach it
     * @param escalation how root commands become root there
     * @param deadline when the work on this target must end, or {@code null} for none
     * @param dryRun receives each command line instead of running it, or {@code null} to run
     */
    public TargetCommandRunner(Target target, Transport transport, Escalation escalation, Instant deadline,
                               Consumer<PlannedCommand> dryRun) {
        this(target, transport, escalation, deadline, dryRun, false);
    }

    /**
     * @param rootHere whether ctys itself runs as root, so that root commands for this machine need no wrapper
     */
    public TargetCommandRunner(Target target, Transport transport, Escalation escalation, Instant deadline,
                               Consumer<PlannedCommand> dryRun, boolean rootHere) {
        this(target, transport, escalation, deadline, dryRun, rootHere, null);
    }

    private TargetCommandRunner(Target target, Transport transport, Escalation escalation, Instant deadline,
                                Consumer<PlannedCommand> dryRun, boolean rootHere, ActionLocks locks) {
        this.target = target;
        this.transport = transport;
        this.escalation = escalation;
        this.deadline = deadline;
        this.dryRun = dryRun;
        this.rootHere = rootHere;
        this.locks = locks;
    }

    /**
     * @param actionLocks the locks of the action this runner works for
     * @return this runner, sending the commands it can through the holder of a lock the action holds (the holder's
     *     shell runs them as ssh would, in the session the lock already has), which saves a round trip each
     */
    public TargetCommandRunner alongside(ActionLocks actionLocks) {
        return new TargetCommandRunner(target, transport, escalation, deadline, dryRun, rootHere, actionLocks);
    }

    @Override
    public CommandResult run(Command command) {
        Duration limit = limit(command);
        List<String> argv = targetArgv(command, limit);
        List<String> line = transport.commandLine(argv);
        if (dryRun != null && !command.readOnly()) {
            dryRun.accept(new PlannedCommand(line, command.stdin()));
            return new CommandResult(0, "", "", Duration.ZERO);
        }
        java.util.Optional<TargetLock> holder = ridesAlong(command) ? holder() : java.util.Optional.empty();
        if (holder.isPresent()) {
            return classify(command, holder.get().run(target, command.argv().get(0), RemoteShell.command(argv) + "\n",
                    limit), limit);
        }
        return classify(command, launch(line, command.stdin(), transport.local() ? command.environment() : Map.of(),
                transport.local() ? command.directory() : null, limit), limit);
    }

    /**
     * @return whether the command can run inside another process of the target (the lock's holder), as {@link #run}
     *     would have started it: not when it needs input, nor here when it needs an environment or a directory of
     *     its own (on a remote target both are part of its argv)
     */
    private boolean ridesAlong(Command command) {
        return command.stdin() == null && (!transport.local() || command.environment().isEmpty()
                && command.directory() == null);
    }

    private java.util.Optional<TargetLock> holder() {
        return locks == null ? java.util.Optional.empty() : locks.holder();
    }

    /**
     * Runs a command line here and waits for it: the remote side stops itself at the deadline, so locally ssh gets
     * the connect time and a grace on top; past that, ssh is stopped and the process group on the target too.
     */
    private CommandResult launch(List<String> line, String stdin, Map<String, String> environment, String directory,
                                 Duration limit) {
        Duration local = limit == null ? null : transport.local() ? limit : limit.plusSeconds(KILL_AFTER + 12);
        try {
            return withoutProcessGroup(ProcessRunner.run(transport.processEnvironment(), line, stdin, environment,
                    directory, local));
        } catch (ProcessRunner.TimedOut e) {
            transport.stopRemote(e.stderr());
            throw new TargetFailureException(Reason.TIMEOUT, target + ": " + e.getMessage());
        }
    }

    /**
     * Runs a batch as one script in one round trip: each command keeps its own escalation and remote deadline,
     * the script stops after the first failure, and markers split the output back into one result per command.
     * Commands with standard input, environment or a directory, and dry runs, go one by one.
     */
    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        if (commands.size() < 2 || dryRun != null || commands.stream().anyMatch(c -> c.stdin() != null
                || !c.environment().isEmpty() || c.directory() != null)) {
            return CommandRunner.super.runAll(commands);
        }
        // each command ends with its marks (see Markers); the script stops after the first that fails
        Markers markers = new Markers();
        StringBuilder script = new StringBuilder();
        // every root command's privilege first: a batch that would be refused part-way runs none of its commands
        String denied = markers.mark("denied") + " ";
        for (int i = 0; i < commands.size(); i++) {
            java.util.Optional<List<String>> check = escalates(commands.get(i))
                    ? escalation.check(commands.get(i).argv()) : java.util.Optional.empty();
            if (check.isPresent()) {
                script.append(RemoteShell.command(check.get())).append(" || { printf '%s\\n' '").append(denied)
                        .append(i).append("'; exit 0; }\n");
            }
        }
        List<Duration> limits = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Duration limit = limit(commands.get(i));
            limits.add(limit);
            script.append("m=").append(markers.mark(Integer.toString(i))).append("; ")
                    .append(RemoteShell.command(targetArgv(commands.get(i), limit))).append("\n")
                    .append("r=$?; ").append(Markers.END).append("; [ \"$r\" -eq 0 ] || exit 0\n");
        }
        Duration total = deadline == null ? null : Duration.between(Instant.now(), deadline);
        java.util.Optional<TargetLock> holder = holder();
        CommandResult batch = holder.isPresent() ? holder.get().run(target, commands.get(0).argv().get(0),
                script.toString(), total) : launch(transport.commandLine(List.of("sh", "-c", script.toString(),
                "ctys-batch")), null, Map.of(), null, total);
        int refused = batch.stdout().indexOf(denied);
        if (refused >= 0) {
            int end = batch.stdout().indexOf('\n', refused);
            throw privilege(commands.get(Integer.parseInt(batch.stdout().substring(refused + denied.length(),
                    end < 0 ? batch.stdout().length() : end).strip())), batch.stderr());
        }
        List<CommandResult> results = new ArrayList<>();
        int outFrom = 0;
        int errFrom = 0;
        for (int i = 0; i < commands.size(); i++) {
            java.util.Optional<Markers.Ended> ended = Markers.find(batch.stdout(), batch.stderr(),
                    markers.mark(Integer.toString(i)), outFrom, errFrom);
            if (ended.isEmpty()) {
                // the script never finished this command (ssh failed, or the batch was killed): the batch's result
                // stands for it, with what came after the previous command's end (ssh's last words among it)
                String err = batch.stderr().substring(Math.min(errFrom, batch.stderr().length()));
                java.util.Optional<TargetFailureException> lost = new SshFailure(transport, target)
                        .losing(batch.exitCode(), err, commands.get(i).argv().get(0));
                if (lost.isPresent()) {
                    throw lost.get();
                }
                results.add(classify(commands.get(i), new CommandResult(batch.exitCode() == 0 ? 1 : batch.exitCode(),
                        "", err, batch.elapsed()), limits.get(i)));
                break;
            }
            outFrom = ended.get().outEnd();
            errFrom = ended.get().errEnd();
            CommandResult result = classify(commands.get(i), new CommandResult(ended.get().exitCode(),
                    ended.get().stdout(), ended.get().stderr(), batch.elapsed()), limits.get(i));
            results.add(result);
            if (!result.succeeded()) {
                break;
            }
        }
        return results;
    }

    private static CommandResult withoutProcessGroup(CommandResult result) {
        String stderr = result.stderr();
        if (!stderr.startsWith(SshSessions.PROCESS_GROUP + " ")) {
            return result;
        }
        int newline = stderr.indexOf('\n');
        return new CommandResult(result.exitCode(), result.stdout(), newline < 0 ? "" : stderr.substring(newline + 1),
                result.elapsed());
    }

    /**
     * A read-only command made ready to run inside another process of the target (the lock's): its argv there, as
     * {@link #run} would start it, and its time limit.
     */
    record Look(Command command, List<String> argv, Duration limit) {
    }

    /**
     * @return the command as a look, or empty when it cannot {@link #ridesAlong ride along}, or in a dry run
     */
    java.util.Optional<Look> look(Command command) {
        if (!ridesAlong(command) || dryRun != null) {
            return java.util.Optional.empty();
        }
        Duration limit = limit(command);
        return java.util.Optional.of(new Look(command, targetArgv(command, limit), limit));
    }

    /** @return what {@link #run} would have made of the look's exit status and output */
    CommandResult classify(Look look, CommandResult result) {
        return classify(look.command(), withoutProcessGroup(result), look.limit());
    }

    private Duration limit(Command command) {
        Duration left = deadline == null ? null : Duration.between(Instant.now(), deadline);
        if (left != null && (left.isNegative() || left.isZero())) {
            throw new TargetFailureException(Reason.TIMEOUT, "the deadline of " + target + " has passed");
        }
        if (command.timeout() == null) {
            return left;
        }
        return left == null || command.timeout().compareTo(left) < 0 ? command.timeout() : left;
    }

    private List<String> targetArgv(Command command, Duration limit) {
        List<String> argv = command.argv();
        if (escalates(command)) {
            argv = escalation.wrap(argv);
        }
        if (!transport.local() && !command.environment().isEmpty()) {
            List<String> withEnvironment = new ArrayList<>(List.of("env"));
            command.environment().forEach((name, value) -> withEnvironment.add(name + "=" + value));
            withEnvironment.addAll(argv);
            argv = withEnvironment;
        }
        if (!transport.local() && limit != null) {
            // the remote command is stopped on the target itself: ssh going away would not stop it
            List<String> timed = new ArrayList<>(List.of("timeout", "-k", Integer.toString(KILL_AFTER),
                    Math.max(1, (limit.toMillis() + 999) / 1000) + "s"));
            timed.addAll(argv);
            argv = timed;
        }
        if (!transport.local() && command.directory() != null) {
            List<String> inDirectory = new ArrayList<>(List.of("sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"",
                    "ctys-cd", command.directory()));
            inDirectory.addAll(argv);
            argv = inDirectory;
        }
        return argv;
    }

    /** @return whether the command runs through the escalation: it needs root, and ctys is not root here */
    private boolean escalates(Command command) {
        return command.privilege() == Privilege.ROOT && !(transport.local() && rootHere);
    }

    private CommandResult classify(Command command, CommandResult result, Duration limit) {
        String program = command.argv().get(0);
        java.util.Optional<TargetFailureException> unreached = new SshFailure(transport, target)
                .reaching(result.exitCode(), result.stderr());
        if (unreached.isPresent()) {
            throw unreached.get();
        }
        if (!transport.local() && limit != null && result.exitCode() == TIMED_OUT
                || !transport.local() && limit != null && result.exitCode() == 128 + 9) {
            throw new TargetFailureException(Reason.TIMEOUT, "'" + program + "' on " + target + " ran past its "
                    + "deadline of " + limit.toSeconds() + " s and was stopped there");
        }
        if (result.exitCode() == 126 && result.stderr().contains(Escalation.DENIED)) {
            throw privilege(command, result.stderr());
        }
        if (result.exitCode() == 127 && command.argv().size() > 0 && result.stderr().contains(program)
                && result.stderr().contains("not found")) {
            throw new EnvironmentException("'" + program + "' is not installed on " + target);
        }
        return result;
    }

    private PrivilegeException privilege(Command command, String stderr) {
        String marker = stderr.lines().filter(l -> l.startsWith(Escalation.DENIED)).findFirst().orElse("");
        String[] fields = marker.split(" ", 4);
        String mechanism = fields.length > 1 ? fields[1] : "?";
        String user = fields.length > 2 ? fields[2] : "?";
        String path = fields.length > 3 ? fields[3] : command.argv().get(0);
        String what = "'" + String.join(" ", command.argv()) + "' needs root on " + target;
        return new PrivilegeException(switch (mechanism) {
            case "sudo" -> what + ", and sudo refused it for " + user + "; allow it with the sudoers rule: " + user
                    + " ALL=(root) NOPASSWD: " + sudoersCommand(path, command.argv());
            case "ksu" -> what + ", and ksu refused it for " + user + "; allow it in ~root/.k5users: " + user
                    + "@<REALM> " + path;
            default -> what + ", and " + user + " is not root there; add -Z SUDO (or -Z KSU) and a rule that "
                    + "allows " + path;
        });
    }

    /**
     * The narrowest sudoers command that allows the command: its program, its leading options and its first word
     * (the subcommand, as in {@code ip link}), then {@code *} for the rest. Never the bare program, which would
     * allow all of it ({@code ip netns exec} is a root shell).
     *
     * @param path the program's absolute path on the target
     * @param argv the command
     * @return the command part of a sudoers rule, e.g. {@code /usr/sbin/ip link *}
     */
    static String sudoersCommand(String path, List<String> argv) {
        List<String> words = new ArrayList<>(List.of(path));
        int i = 1;
        while (i < argv.size() && argv.get(i).startsWith("-") && !argv.get(i).equals("-")) {
            words.add(sudoersWord(argv.get(i++)));
        }
        if (i < argv.size()) {
            words.add(sudoersWord(argv.get(i++)));
        }
        if (i < argv.size()) {
            words.add("*");
        } else if (argv.size() == 1) {
            words.add("\"\"");     // sudoers: no arguments at all
        }
        return String.join(" ", words);
    }

    /** @return an argument as sudoers matches it: its special characters escaped, white space matched by a wildcard */
    private static String sudoersWord(String argument) {
        return argument.chars().anyMatch(Character::isWhitespace) || argument.isEmpty() ? "*"
                : argument.replaceAll("([\\\\,:=*?\\[\\]!\"])", "\\\\$1");
    }

}
