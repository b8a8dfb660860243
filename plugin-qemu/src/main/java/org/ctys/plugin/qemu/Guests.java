package org.ctys.plugin.qemu;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ctys.api.UsageException;
import org.ctys.spi.GuestProvider;
import org.ctys.spi.GuestRequest;
import org.ctys.spi.PluginContext;
import org.ctys.spi.RunningGuest;

/** The guests of QEMU and KVM as a service to other plugins: what {@code create} and {@code cancel} do, by request. */
final class Guests implements GuestProvider {

    private final QemuEngine tcg = new QemuEngine(Accelerator.TCG, "QEMU");
    private final QemuEngine kvm = new QemuEngine(Accelerator.KVM, "KVM");

    @Override
    public Optional<RunningGuest> find(GuestRequest request, PluginContext context) {
        Survey survey = Survey.read(context.runner(), context.socketBase(), List.of());
        return survey.guest(new RunFiles(context.socketBase(), survey.user(), name(request)))
                .filter(Survey.Guest::running).map(guest -> Listings.guest(guest, "running"));
    }

    @Override
    public RunningGuest start(GuestRequest request, PluginContext context) {
        CreateGuest.Order order = new CreateGuest.Order(label(request.definition(), "definition"), null, false, false,
                name(request), request.sockets());
        return (request.kvm() ? kvm : tcg).create(context, order).guest();
    }

    @Override
    public boolean stop(GuestRequest request, PluginContext context, Duration grace) {
        int seconds = (int) Math.min(grace.toSeconds(), 3600);
        return new CancelGuest(context, new CancelGuest.Order(name(request), "poweroff", seconds)).run().changed();
    }

    private static String name(GuestRequest request) {
        return label(request.runName(), "guest name");
    }

    private static String label(String text, String what) {
        if (!DefinitionReader.LABEL.matcher(text).matches()) {
            throw new UsageException(what + " '" + text + "' is not valid; expected letters, digits, '_', '.' or '-'");
        }
        return text;
    }
}
