package org.ctys.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ctys.api.CtysException;
import org.ctys.api.Target;
import org.ctys.api.TargetFailureException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.api.exec.HeldLock;
import org.ctys.spi.PluginContext;
import org.ctys.spi.TargetOutcome;

/**
 * A plugin context for unit tests: a target, a runner (usually a {@link RecordingCommandRunner}), settings,
 * services and a dry run, as core gives them, without ssh. {@code new TestPluginContext(target, runner)} is the
 * simplest; {@link #builder()} sets the rest:
 * <pre>{@code
 * TestPluginContext context = TestPluginContext.builder()
 *         .target(new Target("alice", "h1", 2222, List.of("-Z", "SUDO")))
 *         .runner(runner)
 *         .setting(PluginContext.SOCKET_BASE, "/run/lab")
 *         .dryRun(true)
 *         .build();
 * }</pre>
 * In a dry run, as in core's, a command that is not read-only is not given to the runner: it is recorded in
 * {@link #planned()} and "succeeds" with no output; read-only commands run. Locks lock nothing (a unit test runs one
 * action at a time). {@link #onEach} reaches the other targets the builder names with {@link Builder#reach}, one
 * after the other, each with its own runner; any other target fails as unreachable.
 */
public final class TestPluginContext implements PluginContext {

    private final Target target;
    private final CommandRunner runner;
    private final Map<String, String> settings;
    private final Map<Class<?>, Object> services;
    private final boolean dryRun;
    private final Map<Target, CommandRunner> others;
    private final List<Command> planned;

    /**
     * A context for {@code target} whose commands go to {@code runner}: no settings (core's defaults apply), no
     * services, not a dry run.
     *
     * @param target the target the plugin sees
     * @param runner the runner the plugin's commands go to
     */
    public TestPluginContext(Target target, CommandRunner runner) {
        this(target, runner, Map.of(), Map.of(), false, Map.of(), new ArrayList<>());
    }

    private TestPluginContext(Target target, CommandRunner runner, Map<String, String> settings,
                              Map<Class<?>, Object> services, boolean dryRun, Map<Target, CommandRunner> others,
                              List<Command> planned) {
        this.target = target;
        this.runner = runner;
        this.settings = Map.copyOf(settings);
        this.services = Map.copyOf(services);
        this.dryRun = dryRun;
        this.others = Map.copyOf(others);
        this.planned = planned;
    }

    /** @return a builder: target {@code localhost}, a {@link RecordingCommandRunner} answering 0, no settings */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public CommandRunner runner() {
        if (!dryRun) {
            return runner;
        }
        return command -> {
            if (command.readOnly()) {
                return runner.run(command);
            }
            synchronized (planned) {
                planned.add(command);
            }
            return new CommandResult(0, "", "", Duration.ZERO);
        };
    }

    /** @return the commands a dry run printed instead of running, in order */
    public List<Command> planned() {
        synchronized (planned) {
            return List.copyOf(planned);
        }
    }

    @Override
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public HeldLock lock(String directory, Duration wait) {
        return () -> { };
    }

    /** As core does, but one target after the other; a dry run's commands join this context's {@link #planned()}. */
    @Override
    public <T> List<TargetOutcome<T>> onEach(List<Target> targets, Function<PluginContext, T> work) {
        if (new java.util.HashSet<>(targets).size() != targets.size()) {
            throw new IllegalArgumentException("a target is named twice in " + targets);
        }
        List<TargetOutcome<T>> outcomes = new ArrayList<>();
        for (Target other : targets) {
            CommandRunner otherRunner = others.get(other);
            if (otherRunner == null) {
                outcomes.add(new TargetOutcome<>(other, null, new TargetFailureException(
                        TargetFailureException.Reason.CONNECT, "cannot reach " + other + ": not given to the test")));
                continue;
            }
            try {
                outcomes.add(new TargetOutcome<>(other, work.apply(new TestPluginContext(other, otherRunner,
                        settings, services, dryRun, others, planned)), null));
            } catch (CtysException e) {
                outcomes.add(new TargetOutcome<>(other, null, e));
            }
        }
        return outcomes;
    }

    /** Sets up a {@link TestPluginContext}. */
    public static final class Builder {

        private Target target = Target.LOCALHOST;
        private CommandRunner runner = new RecordingCommandRunner();
        private final Map<String, String> settings = new HashMap<>();
        private final Map<Class<?>, Object> services = new HashMap<>();
        private boolean dryRun;
        private final Map<Target, CommandRunner> others = new HashMap<>();

        private Builder() {
        }

        /** @param value the target, with its user, port and context options @return this builder */
        public Builder target(Target value) {
            this.target = value;
            return this;
        }

        /** @param value the runner the plugin's commands go to @return this builder */
        public Builder runner(CommandRunner value) {
            this.runner = value;
            return this;
        }

        /**
         * @param name a setting, e.g. {@link PluginContext#SOCKET_BASE}
         * @param value its value, as the environment of ctys would give it
         * @return this builder
         */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * @param type a service interface of ctys-api, e.g. {@code VirtualSwitchProvider}
         * @param service what {@code context.service(type)} returns
         * @param <T> the service type
         * @return this builder
         */
        public <T> Builder service(Class<T> type, T service) {
            services.put(type, service);
            return this;
        }

        /** @param value whether this is a dry run @return this builder */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /**
         * @param other another target the plugin may reach with {@link PluginContext#onEach}
         * @param otherRunner the runner its commands go to
         * @return this builder
         */
        public Builder reach(Target other, CommandRunner otherRunner) {
            others.put(other, otherRunner);
            return this;
        }

        /** @return the context */
        public TestPluginContext build() {
            return new TestPluginContext(target, runner, settings, services, dryRun, others, new ArrayList<>());
        }
    }
}
