package org.ctys.plugin.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ctys.api.ActionResult;
import org.ctys.api.Column;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.spi.DataNode;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;
import org.ctys.spi.RunningGuest;
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
            cat "$p.pid" 2>/dev/null
            """;

    /**
     * What to start.
     *
     * @param label the definition's label, or {@code null} for the one guest the file defines
     * @param file the definition file, or {@code null} to search the path
     * @param withSwitch whether a nic's switch that is not up is created
     * @param tcgFallback whether a KVM guest may run on TCG when KVM is not usable
     * @param name the name it runs under, or {@code null} for the definition's label
     * @param sockets the data socket of each nic, one for all of them, or empty for the switches the definition names
     */
    record Order(String label, String file, boolean withSwitch, boolean tcgFallback, String name,
                 List<String> sockets) {

        /** @return the order of {@code create=l:<label>[,f:<file>][,with-switch][,tcg-fallback]} */
        static Order of(SubOptions options) {
            String file = options.value("f").orElse(null);
            String label = file != null && options.value("l").isEmpty() ? null : QemuEngine.label(options, "CREATE");
            return new Order(label, file, options.has("with-switch"), options.has("tcg-fallback"), null, List.of());
        }
    }

    private final QemuEngine engine;
    private final PluginContext context;
    private final Order order;

    private final Survey survey;

    /** @param survey the target as it was under the host's lock, before this create */
    CreateGuest(QemuEngine engine, PluginContext context, Order order, Survey survey) {
        this.engine = engine;
        this.context = context;
        this.order = order;
        this.survey = survey;
    }

    /**
     * What a create found or did.
     *
     * @param guest the guest, running
     * @param started whether this create started it
     * @param user whom it runs as
     * @param sockets the data socket of each nic
     * @param qmp its QMP socket
     * @param accel how its CPUs run, as shown
     * @param warning what the user must see, or {@code null}
     */
    record Started(RunningGuest guest, boolean started, String user, List<String> sockets, String qmp, String accel,
                   String warning) {
    }

    /** @return what {@code -a create} shows of a create's outcome */
    static ActionResult result(Started outcome) {
        RunningGuest guest = outcome.guest();
        Row row = new Row(guest.name(), guest.status(), guest.pid() == 0 ? null : guest.pid(), outcome.user(),
                guest.macs(), outcome.sockets(), outcome.qmp(), outcome.accel());
        ActionResult result = outcome.started() ? ActionResult.changed("started guest " + guest.name(), List.of(row))
                : ActionResult.unchanged("guest " + guest.name() + " is already running (pid " + guest.pid() + ")",
                        List.of(row));
        return outcome.warning() == null ? result : result.withWarning(outcome.warning());
    }

    /**
     * A guest as {@code create} reports it.
     *
     * @param label the guest's label
     * @param status what QMP reports ({@code running}, {@code paused}, ...), or {@code planned} in a dry run
     * @param pid its QEMU process, or {@code null} in a dry run
     * @param user the user it runs as
     * @param macs the MAC address of each nic
     * @param sockets the data socket of each nic
     * @param qmp its QMP socket
     * @param accel how its CPUs run
     */
    public record Row(String label, String status, Long pid, String user, List<String> macs,
                      @Column("switch") List<String> sockets, String qmp, String accel) {
    }

    /** @return the guest, started unless it ran already */
    Started start() {
        if (survey.qemu().isEmpty()) {
            throw new EnvironmentException(QemuCommandLine.BINARY + " is not installed on " + context.target()
                    + "; install the Debian package qemu-system-x86");
        }
        VmDefinition vm = renamed(find(survey, order.label()));
        RunFiles files = new RunFiles(context.socketBase(), survey.user(), vm.label());
        Optional<Survey.Guest> running = survey.guest(files).filter(Survey.Guest::running);
        if (running.isPresent()) {
            Survey.Guest guest = running.get();
            return new Started(Listings.guest(guest, "running"), false, survey.user(),
                    Listings.split(guest.state().get("switch")), files.qmp(), guest.state().getOrDefault("accel", ""),
                    null);
        }
        Accelerator accelerator = accelerator(survey);
        List<String> sockets = switches(vm, survey.user());
        List<String> argv = QemuCommandLine.of(vm, accelerator, files, sockets);
        List<String> macs = vm.nics().stream().map(VmDefinition.Nic::mac).toList();
        Map<String, String> state = new LinkedHashMap<>();
        state.put("label", vm.label());
        state.put("user", survey.user());
        state.put("type", engine.sessionType());
        state.put("accel", accelerator.display());
        state.put("macs", String.join(",", macs));
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
        Long pid = CancelGuest.number(started.stdout().strip());
        RunningGuest guest = new RunningGuest(vm.label(), pid == null ? 0 : pid,
                context.dryRun() ? "planned" : status(files), macs);
        String warning = accelerator == engine.accelerator() ? null : "/dev/kvm is " + survey.kvm() + " for "
                + survey.user() + ": guest " + vm.label() + " runs on TCG, as tcg-fallback allows";
        return new Started(guest, true, survey.user(), sockets, files.qmp(), accelerator.display(), warning);
    }

    private VmDefinition find(Survey survey, String wanted) {
        DataParser parser = QemuEngine.parser(context);
        for (Survey.DefinitionFile file : survey.files()) {
            if (file.error() != null) {
                if (order.file() != null) {
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
        if (wanted != null && order.file() != null) {
            throw new UsageException("definition file " + order.file() + " defines another guest, not '"
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
        if (order.tcgFallback()) {
            return Accelerator.TCG;
        }
        throw new EnvironmentException("KVM is not usable on " + context.target() + ": /dev/kvm is " + survey.kvm()
                + " for " + survey.user() + "; load kvm_intel or kvm_amd and grant access (group kvm), or allow TCG "
                + "with create=...,tcg-fallback, or use -t QEMU");
    }

    /** @return the definition under the order's name */
    private VmDefinition renamed(VmDefinition vm) {
        return order.name() == null ? vm : new VmDefinition(order.name(), vm.source(), vm.memoryMib(), vm.cpus(),
                vm.machine(), vm.boot(), vm.disks(), vm.cdrom(), vm.kernel(), vm.initrd(), vm.append(), vm.nics(),
                vm.console());
    }

    /** @return the data socket of each nic's switch, bringing switches up where the user asked for it */
    private List<String> switches(VmDefinition vm, String runAs) {
        if (order.sockets().size() == 1) {
            return java.util.Collections.nCopies(vm.nics().size(), order.sockets().get(0));
        }
        if (!order.sockets().isEmpty()) {
            if (order.sockets().size() != vm.nics().size()) {
                throw new UsageException("guest " + vm.label() + " has " + vm.nics().size() + " nics in "
                        + vm.source() + ", but " + order.sockets().size() + " switches were given for them");
            }
            return order.sockets();
        }
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
                    .or(() -> order.withSwitch() ? Optional.of(provider.create(u, context)) : Optional.empty())
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
