package org.ctys.plugin.qemu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ctys.api.ActionRequest;
import org.ctys.api.ActionResult;
import org.ctys.api.EnvironmentException;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.UsageException;
import org.ctys.api.exec.LockedLook;
import org.ctys.spi.DataParser;
import org.ctys.spi.PluginContext;

/**
 * The actions on QEMU guests, for a session type that picks the accelerator: {@code -t QEMU} runs them on TCG,
 * {@code -t KVM} (plugin-kvm, through its declared dependency on this plugin) on KVM.
 */
public final class QemuEngine {

    /** Where definitions are searched on a target, unless {@code CTYS_VM_PATH} says otherwise. */
    public static final String DEFAULT_PATH = "~/.ctys/vms:/etc/ctys/vms";
    /** How long a create waits for another run's create on the same host. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Accelerator accelerator;
    private final String sessionType;

    /**
     * @param accelerator how guests of this session type run
     * @param sessionType the session type's name, shown in messages
     */
    public QemuEngine(Accelerator accelerator, String sessionType) {
        this.accelerator = accelerator;
        this.sessionType = sessionType;
    }

    /**
     * @param request the action
     * @param context the target
     * @return the action's result
     */
    public ActionResult perform(ActionRequest request, PluginContext context) {
        SubOptions options = request.subOptions();
        return switch (request.action()) {
            case "CREATE" -> CreateGuest.result(create(context, CreateGuest.Order.of(options)));
            case "CANCEL" -> new CancelGuest(context, CancelGuest.Order.of(options)).run();
            case "LIST" -> Listings.guests(context);
            case "ENUMERATE" -> Listings.definitions(context, options);
            case "INFO" -> QemuInfo.read(context);
            default -> throw new UsageException("action " + request.action() + " is not known to " + sessionType);
        };
    }

    /**
     * @param context the target
     * @param order what to start
     * @return the guest, started unless it ran already
     */
    CreateGuest.Started create(PluginContext context, CreateGuest.Order order) {
        // two creates of one label would both find it stopped and start it twice; the host's lock makes the second
        // find the first's guest running (a cancel is not locked: a power-down may take minutes); the survey rides
        // on the lock's round trip
        String base = context.socketBase();
        try (LockedLook locked = context.lockAndLook(base, LOCK_WAIT, Survey.command(base,
                locations(context, order.file())))) {
            return new CreateGuest(this, context, order, Survey.of(locked.look())).start();
        }
    }

    Accelerator accelerator() {
        return accelerator;
    }

    String sessionType() {
        return sessionType;
    }

    /** @return the search locations for the survey: the file of {@code f:}, else each directory of the path */
    static List<String> locations(PluginContext context, String file) {
        if (file != null) {
            if (!file.startsWith("/") && !file.startsWith("~/")) {
                throw new UsageException("definition file '" + file + "' must be an absolute path on the target "
                        + "(or start with ~/)");
            }
            return List.of("f:" + file);
        }
        List<String> locations = new ArrayList<>();
        for (String dir : context.setting("CTYS_VM_PATH").orElse(DEFAULT_PATH).split(":")) {
            if (!dir.isEmpty()) {
                locations.add("d:" + dir);
            }
        }
        return locations;
    }

    static DataParser parser(PluginContext context) {
        return context.service(DataParser.class).orElseThrow(
                () -> new EnvironmentException("this ctys offers plugins no DataParser; update ctys"));
    }

    static String label(SubOptions options, String action) {
        String label = options.value("l").orElseThrow(() -> new UsageException(
                action.toLowerCase(Locale.ROOT) + " needs the guest's label: " + action.toLowerCase(Locale.ROOT)
                        + "=l:<label>"));
        if (!DefinitionReader.LABEL.matcher(label).matches()) {
            throw new UsageException("label '" + label + "' is not valid; expected letters, digits, '_', '.' or '-'");
        }
        return label;
    }
}
