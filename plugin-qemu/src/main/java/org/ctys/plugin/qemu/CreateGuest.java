package org.ctys.plugin.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.DataNode;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;
import org.ctys.spi.SwitchEndpoint;
import org.ctys.spi.VirtualSwitchProvider;

/**
 * {@code -a create=l:<label>}: finds the definition on the target, checks the switch of every nic is up (or
 * brings it up when asked), starts QEMU daemonized as the login user, and confirms through QMP that the guest runs.
 * A guest that already runs is reported, not started twice; the files a killed guest left are replaced.
 */
final class CreateGuest {

    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(10);
    private static final String LAUNCH = """
            p=$1; state=$2; shift 2
            umask 077
            rm -f "$p.qmp" "$p.pid" "$p.serial" "$p.vnc" "$p.ctys"
            (set -C; printf '%s' "$state" > "$p.ctys") || exit 1
            "$@" || { rc=$?; rm -f "$p.ctys" "$p.qmp" "$p.pid"; exit $rc; }
            """;

    private final QemuEngine engine;
    private final PluginContext context;
    private final SubOptions options;

    private final Survey survey;

    /** @param survey the target as it was under the host's lock, before this create */
    CreateGuest(QemuEngine engine, PluginContext context, SubOptions options, Survey survey) {
        this.engine = engine;
        this.context = context;
        this.options = options;
        this.survey = survey;
    }

    ActionResult run() {
        String wanted = options.value("f").isPresent() && options.value("l").isEmpty() ? null
                : QemuEngine.label(options, "CREATE");
        if (survey.qemu().isEmpty()) {
            throw new EnvironmentException(QemuCommandLine.BINARY + " is not installed on " + context.target()
                    + "; install the Debian package qemu-system-x86");
        }
        VmDefinition vm = find(survey, wanted);
        RunFiles files = new RunFiles(context.socketBase(), survey.user(), vm.label());
        Optional<Survey.Guest> running = survey.guest(files).filter(Survey.Guest::running);
        if (running.isPresent()) {
            return ActionResult.unchanged("guest " + vm.label() + " is already running (pid " + running.get().pid()
                    + ")", List.of(Listings.record(running.get())));
        }
        Accelerator accelerator = accelerator(survey);
        List<String> sockets = switches(vm, survey.user());
        List<String> argv = QemuCommandLine.of(vm, accelerator, files, sockets);
        Map<String, String> state = new LinkedHashMap<>();
        state.put("label", vm.label());
        state.put("user", survey.user());
        state.put("type", engine.sessionType());
        state.put("accel", accelerator.display());
        state.put("macs", String.join(",", vm.nics().stream().map(VmDefinition.Nic::mac).toList()));
        state.put("switch", String.join(",", sockets));
        state.put("definition", vm.source());
        List<String> launch = new ArrayList<>(List.of("sh", "-c", LAUNCH, "ctys-qemu-create", files.prefix(),
                Survey.stateText(state)));
        launch.addAll(argv);
        CommandResult started = context.runner().run(Command.of(launch));
        if (!started.succeeded()) {
            throw new EnvironmentException("QEMU did not start guest " + vm.label() + " on " + context.target()
                    + ": " + firstLine(started.stderr(), "exit status " + started.exitCode()));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", vm.label());
        row.put("status", context.dryRun() ? "planned" : status(files));
        row.put("user", survey.user());
        row.put("macs", vm.nics().stream().map(VmDefinition.Nic::mac).toList());
        row.put("switch", sockets);
        row.put("qmp", files.qmp());
        row.put("accel", accelerator.display());
        ActionResult result = ActionResult.changed("started guest " + vm.label(), List.of(row));
        return accelerator == engine.accelerator() ? result : result.withWarning("/dev/kvm is " + survey.kvm()
                + " for " + survey.user() + ": guest " + vm.label() + " runs on TCG, as tcg-fallback allows");
    }

    private VmDefinition find(Survey survey, String wanted) {
        DataParser parser = QemuEngine.parser(context);
        for (Survey.DefinitionFile file : survey.files()) {
            if (file.error() != null) {
                if (options.value("f").isPresent()) {
                    throw new UsageException("definition file " + file.path() + " on " + context.target() + " "
                            + file.error());
                }
                continue;
            }
            // another guest's broken file is skipped here: enumerate reports it
            DefinitionReader.Outcome outcome = DefinitionReader.read(parser, file);
            if (wanted == null || wanted.equals(outcome.label())) {
                if (!outcome.problems().isEmpty()) {
                    throw new UsageException(String.join("; ", outcome.problems()));
                }
                return outcome.definition().orElseThrow();
            }
        }
        if (wanted != null && options.value("f").isPresent()) {
            throw new UsageException("definition file " + options.value("f").get() + " defines another guest, not '"
                    + wanted + "'");
        }
        throw new UsageException("no definition of guest '" + wanted + "' on " + context.target() + " along "
                + context.setting("CTYS_VM_PATH").orElse(QemuEngine.DEFAULT_PATH) + "; expected a file such as "
                + "~/.ctys/vms/" + wanted + ".yaml (see ctys -t QEMU -a enumerate)");
    }

    private Accelerator accelerator(Survey survey) {
        if (engine.accelerator() != Accelerator.KVM || "usable".equals(survey.kvm()) || context.dryRun()) {
            return engine.accelerator();
        }
        if (options.has("tcg-fallback")) {
            return Accelerator.TCG;
        }
        throw new EnvironmentException("KVM is not usable on " + context.target() + ": /dev/kvm is " + survey.kvm()
                + " for " + survey.user() + "; load kvm_intel or kvm_amd and grant access (group kvm), or allow TCG "
                + "with create=...,tcg-fallback, or use -t QEMU");
    }

    /** @return the data socket of each nic's switch, bringing switches up where the user asked for it */
    private List<String> switches(VmDefinition vm, String runAs) {
        if (vm.nics().isEmpty()) {
            return List.of();
        }
        VirtualSwitchProvider provider = context.service(VirtualSwitchProvider.class).orElseThrow(
                () -> new EnvironmentException("no plugin offers VDE switches (plugin-vde is not installed), so "
                        + "guest " + vm.label() + " cannot get its nics"));
        Map<String, String> byUser = new LinkedHashMap<>();
        List<String> sockets = new ArrayList<>();
        for (VmDefinition.Nic nic : vm.nics()) {
            String user = nic.switchUser() != null ? nic.switchUser() : runAs;
            sockets.add(byUser.computeIfAbsent(user, u -> provider.endpoint(u, context)
                    .or(() -> options.has("with-switch") ? Optional.of(provider.create(u, context)) : Optional.empty())
                    .map(SwitchEndpoint::sock)
                    .orElseThrow(() -> new EnvironmentException("the VDE switch of " + u + " is not up on "
                            + context.target() + "; create it with: ctys -t VDE -a create=u:" + u + " "
                            + context.target() + " (or add the sub-option with-switch)"))));
        }
        return sockets;
    }

    private String status(RunFiles files) {
        try (QmpClient qmp = new QmpClient(context.connect(files.qmp(), QMP_TIMEOUT), QemuEngine.parser(context),
                files.qmp())) {
            DataNode status = qmp.execute("query-status");
            if (status instanceof DataNode.Mapping map
                    && map.get("status").orElse(null) instanceof DataNode.Scalar value) {
                return value.text();
            }
            throw new EnvironmentException("QMP " + files.qmp() + ": query-status gave no status");
        }
    }

    static String firstLine(String text, String otherwise) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse(otherwise);
    }
}
