package org.ctys.plugin.vde;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.ctys.api.CtysException;
import org.ctys.api.EnvironmentException;
import org.ctys.api.PrivilegeException;
import org.ctys.api.TargetFailureException;
import org.ctys.api.TargetFailureException.Reason;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;

/**
 * The steps of one create, each with its undo. A step that fails rolls back, in reverse order, exactly what this
 * run did; the error says which step failed and what was undone. Steps are queued and sent together
 * ({@link CommandRunner#runAll}: one round trip to a remote target) when the caller needs their outcome
 * ({@link #flush()}) or a step reads standard input; the batch stops at the first failure, so the rollback knows
 * exactly which steps ran.
 */
final class Journal {

    /** @param undoesItself whether the undo runs also when the step itself fails (it may have done part) */
    private record Done(String step, List<Command> undo, java.util.function.BooleanSupplier action,
                        boolean undoesItself) {
    }

    private record Pending(Command command, Done done) {
    }

    private final CommandRunner runner;
    private final Deque<Done> done = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();

    Journal(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs a step; when it fails, rolls back and throws.
     *
     * @param step what the step does, e.g. "create bridge ctysbr0"
     * @param command the command
     * @param undo the commands that undo it, run in order
     */
    void run(String step, Command command, Command... undo) {
        queue(command, new Done(step, List.of(undo), null, false));
    }

    /**
     * Runs a step that may fail part-way (a batch), whose undo runs also when it fails: the undo must be safe to
     * run on any part of the step having been done.
     */
    void runUndoingItself(String step, Command command, Command... undo) {
        queue(command, new Done(step, List.of(undo), null, true));
    }

    /**
     * Runs a step whose undo is not a command (e.g. a shutdown through the management socket).
     *
     * @param undo undoes the step, telling whether it worked
     */
    void run(String step, Command command, java.util.function.BooleanSupplier undo) {
        queue(command, new Done(step, List.of(), undo, false));
    }

    private void queue(Command command, Done step) {
        if (command.stdin() != null) {
            flush();
        }
        pending.add(new Pending(command, step));
        if (command.stdin() != null) {
            flush();
        }
    }

    /** Runs the queued steps; when one fails, rolls back everything done so far and throws. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        List<CommandResult> results;
        try {
            results = runner.runAll(batch.stream().map(Pending::command).toList());
        } catch (PrivilegeException e) {
            // core checks every root command's privilege before a batch starts: none of this batch ran
            throw new PrivilegeException(failed(batch.get(0).done().step() + " (not started, nor the steps after "
                    + "it)", e.getMessage(), Reason.EXIT).getMessage());
        } catch (CtysException e) {
            // which step the failure concerns is not known: the ones before it may have run, so undo them too
            batch.forEach(p -> done.push(p.done()));
            VdeStepException failed = failed(batch.get(0).done().step() + " (or a step after it in the same batch)",
                    e.getMessage(), e instanceof TargetFailureException f ? f.reason() : Reason.EXIT);
            // a missing tool keeps its kind (exit 2), with what was undone
            if (e instanceof EnvironmentException) {
                throw new EnvironmentException(failed.getMessage(), e);
            }
            throw failed;
        }
        for (int i = 0; i < results.size(); i++) {
            CommandResult result = results.get(i);
            if (!result.succeeded()) {
                if (batch.get(i).done().undoesItself()) {
                    done.push(batch.get(i).done());
                }
                throw failed(batch.get(i).done().step(),
                        lastLine(result.stderr().isBlank() ? result.stdout() : result.stderr()));
            }
            done.push(batch.get(i).done());
        }
    }

    /** Fails the run at {@code step}, rolling back what was done (queued steps that never ran are dropped). */
    VdeStepException failed(String step, String reason) {
        return failed(step, reason, Reason.EXIT);
    }

    /** @param kind how the step failed: its target unreachable or out of time, or the step itself */
    private VdeStepException failed(String step, String reason, Reason kind) {
        pending.clear();
        // a Ctrl-C interrupted the step: the rollback must still run, so it runs uninterrupted and the interrupt
        // is passed on afterwards
        boolean interrupted = Thread.interrupted();
        try {
            return rollBack(step, reason, kind);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private VdeStepException rollBack(String step, String reason, Reason kind) {
        List<String> undone = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        while (!done.isEmpty()) {
            Done last = done.pop();
            if (!unreachable.isEmpty()) {
                // once the target is gone, each further try would only wait for its connection timeout
                if (!unreachable.contains(last.step())) {
                    unreachable.add(last.step());
                }
                continue;
            }
            if (last.action() == null && last.undo().isEmpty()) {
                // nothing of its own to undo: an earlier step's undo removes it (a tap leaves its bridge when deleted)
                continue;
            }
            boolean ok = true;
            try {
                ok = last.action() == null || last.action().getAsBoolean();
                for (Command command : last.undo()) {
                    ok &= runner.run(command).succeeded();
                }
            } catch (TargetFailureException e) {
                if (e.reason() == Reason.CONNECT || e.reason() == Reason.TIMEOUT) {
                    unreachable.add(last.step());
                    continue;
                }
                ok = false;
            } catch (CtysException e) {
                ok = false;
            }
            undone.add(last.step() + (ok ? "" : " (undo failed)"));
        }
        String rolledBack = undone.isEmpty() && unreachable.isEmpty() ? "nothing to undo"
                : undone.isEmpty() ? "" : "undone: " + String.join(", ", undone);
        if (!unreachable.isEmpty()) {
            rolledBack += (rolledBack.isEmpty() ? "" : "; ") + "not undone, the target cannot be reached: "
                    + String.join(", ", unreachable) + " (its record is kept: cancel removes them once it is back)";
        }
        return new VdeStepException(step, "step '" + step + "' failed: " + reason + "; " + rolledBack, kind);
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1);
    }
}
