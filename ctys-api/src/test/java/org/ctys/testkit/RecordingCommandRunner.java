package org.ctys.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;

/**
 * A runner for plugin unit tests: records every command and answers from a script instead of running anything.
 * The script is a function of the command, or answers given per command line:
 * <pre>{@code
 * RecordingCommandRunner runner = new RecordingCommandRunner()
 *         .answer("ip link show br0", RecordingCommandRunner.failed(1, "Device \"br0\" does not exist."))
 *         .answer("uname", RecordingCommandRunner.ok("h1\n"));
 * }</pre>
 * A command gets the answer of the longest given command line its own starts with (whole words), else the
 * function's.
 */
public final class RecordingCommandRunner implements CommandRunner {

    private final List<Command> commands = new ArrayList<>();
    private final Function<Command, CommandResult> answers;
    private final List<Answer> given = new ArrayList<>();

    private record Answer(List<String> words, CommandResult result) {
    }

    /** A runner that answers every command with exit 0 and no output. */
    public RecordingCommandRunner() {
        this(command -> ok(""));
    }

    /** @param answers computes the result of each command no {@link #answer} matches */
    public RecordingCommandRunner(Function<Command, CommandResult> answers) {
        this.answers = answers;
    }

    /**
     * Answers the commands whose argv starts with the words of {@code commandLine}.
     *
     * @param commandLine the program and leading arguments, separated by spaces
     * @param result what such a command ends with
     * @return this runner
     */
    public synchronized RecordingCommandRunner answer(String commandLine, CommandResult result) {
        given.add(new Answer(List.of(commandLine.strip().split(" +")), result));
        return this;
    }

    /** @param stdout the output @return an exit-0 result with that output */
    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", Duration.ZERO);
    }

    /**
     * @param exitCode a non-zero exit status
     * @param stderr what the command said on standard error
     * @return a failed result without standard output
     */
    public static CommandResult failed(int exitCode, String stderr) {
        return new CommandResult(exitCode, "", stderr, Duration.ZERO);
    }

    /**
     * @param exitCode the exit status
     * @param stdout the standard output
     * @param stderr the standard error
     * @return that result
     */
    public static CommandResult result(int exitCode, String stdout, String stderr) {
        return new CommandResult(exitCode, stdout, stderr, Duration.ZERO);
    }

    @Override
    public synchronized CommandResult run(Command command) {
        commands.add(command);
        Answer best = null;
        for (Answer answer : given) {
            List<String> argv = command.argv();
            if (argv.size() >= answer.words().size() && argv.subList(0, answer.words().size()).equals(answer.words())
                    && (best == null || answer.words().size() >= best.words().size())) {
                best = answer;
            }
        }
        return best != null ? best.result() : answers.apply(command);
    }

    /** @return the commands run so far, in order */
    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }
}
