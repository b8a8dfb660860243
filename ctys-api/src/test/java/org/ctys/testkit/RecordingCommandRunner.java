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
 */
public final class RecordingCommandRunner implements CommandRunner {

    private final List<Command> commands = new ArrayList<>();
    private final Function<Command, CommandResult> answers;

    /** A runner that answers every command with exit 0 and no output. */
    public RecordingCommandRunner() {
        this(command -> ok(""));
    }

    /** @param answers computes the result of each command */
    public RecordingCommandRunner(Function<Command, CommandResult> answers) {
        this.answers = answers;
    }

    /** @param stdout the output @return an exit-0 result with that output */
    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", Duration.ZERO);
    }

    @Override
    public synchronized CommandResult run(Command command) {
        commands.add(command);
        return answers.apply(command);
    }

    /** @return the commands run so far, in order */
    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }
}
