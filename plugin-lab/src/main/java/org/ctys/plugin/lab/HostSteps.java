package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ctys.api.Target;
import org.ctys.spi.PluginContext;
import org.ctys.spi.TargetOutcome;

/** A step for each part of a lab (a switch, a guest) on the part's host: hosts in parallel, their parts in order. */
final class HostSteps {

    /**
     * What a step made of one part.
     *
     * @param part the part
     * @param status what the step found or did, {@code failed} when its host failed
     * @param failure why its host failed, or {@code null}
     */
    record Outcome<P>(P part, String status, String failure) {
    }

    private HostSteps() {
    }

    /**
     * @param context the control host's context
     * @param parts the parts, in the order of the outcome
     * @param hostOf where a part is
     * @param step what to do with a part on its host, given the host's context; returns the part's status
     * @return the outcome of each part, in the order given
     */
    static <P> List<Outcome<P>> run(PluginContext context, List<P> parts, Function<P, Target> hostOf,
                                    BiFunction<PluginContext, P, String> step) {
        Map<Target, List<P>> byHost = new LinkedHashMap<>();
        parts.forEach(p -> byHost.computeIfAbsent(hostOf.apply(p), h -> new ArrayList<>()).add(p));
        List<TargetOutcome<List<String>>> outcomes = context.onEach(List.copyOf(byHost.keySet()), host -> {
            List<String> statuses = new ArrayList<>();
            for (P part : byHost.get(host.target())) {
                statuses.add(step.apply(host, part));
            }
            return statuses;
        });
        Map<P, Outcome<P>> byPart = new java.util.IdentityHashMap<>();
        for (TargetOutcome<List<String>> outcome : outcomes) {
            List<P> onHost = byHost.get(outcome.target());
            for (int i = 0; i < onHost.size(); i++) {
                byPart.put(onHost.get(i), outcome.succeeded() ? new Outcome<>(onHost.get(i), outcome.value().get(i),
                        null) : new Outcome<>(onHost.get(i), "failed",
                        outcome.failure().getMessage().lines().findFirst().orElse("")));
            }
        }
        return parts.stream().map(byPart::get).toList();
    }
}
