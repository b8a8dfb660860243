package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ctys.core.plugin.PluginRegistry;
import org.ctys.core.session.CliSession;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.SystemTests;
import org.ctys.spi.ActionDescriptor;
import org.ctys.spi.ApiVersion;
import org.ctys.spi.SubOptionSpec;
import org.junit.jupiter.api.Test;

/**
 * Every action of every built-in plugin, fed sub-options its synopsis does not allow: each is refused by core with
 * exit 1 and one line quoting it, before anything runs (the target, which does not resolve, is never contacted: a
 * contact would fail with exit 3).
 */
class SubOptionsIT {

    private static final String NOWHERE = "nohost.invalid";

    private record Case(String type, ActionDescriptor action) {
        String name() {
            return type + " " + action.name().toLowerCase(Locale.ROOT);
        }

        /** @return the action with {@code extra} after every required sub-option, which are given */
        String with(String extra, String leftOut) {
            List<String> items = new ArrayList<>();
            action.subOptions().stream().filter(s -> s.required() && !s.key().equals(leftOut))
                    .map(s -> s.key() + ":x").forEach(items::add);
            if (extra != null) {
                items.add(extra);
            }
            String name = action.name().toLowerCase(Locale.ROOT);
            return items.isEmpty() ? name : name + "=" + String.join(",", items);
        }
    }

    private static List<Case> builtIns(Path plugins) {
        PluginRegistry registry = PluginRegistry.load(List.of(new CliSession()), List.of(plugins), "root",
                ApiVersion.current());
        assertTrue(registry.problems().isEmpty(), registry.problems().toString());
        List<Case> cases = new ArrayList<>();
        registry.sessionTypes().forEach((type, bindings) -> bindings.forEach(b -> b.extension().actions()
                .forEach(a -> cases.add(new Case(type, a)))));
        return cases;
    }

    private static CtysRun refused(Path plugins, Case c, String action, String quoted) {
        CtysRun run = CtysRun.ctys(plugins, "-t", c.type(), "-a", action, NOWHERE);
        assertEquals(1, run.code(), c.name() + " " + action + ": " + run);
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(quoted), action + ": " + run.err());
        assertFalse(run.err().contains(NOWHERE), "the target was not touched: " + run.err());
        assertEquals("", run.out());
        return run;
    }

    @Test
    void everyActionOfEveryBuiltInPluginRefusesWhatItsSynopsisDoesNotAllow() {
        Path plugins = SystemTests.distribution().resolve("plugins");
        List<Case> cases = builtIns(plugins);
        assertEquals(List.of("CLI", "KVM", "LAB", "QEMU", "VDE"),
                cases.stream().map(Case::type).distinct().sorted().toList());
        int runs = 0;
        for (Case c : cases) {
            CtysRun unknown = refused(plugins, c, c.with("nosuch:1", null), "'nosuch'");
            for (SubOptionSpec spec : c.action().subOptions()) {
                assertTrue(unknown.err().contains(spec.key()), "the known keys are listed: " + unknown.err());
                if (spec.isFlag()) {
                    refused(plugins, c, c.with(spec.key() + ":1", spec.key()), "'" + spec.key() + ":1'");
                } else {
                    refused(plugins, c, c.with(spec.key(), spec.key()), "needs a value: " + spec);
                }
                if (spec.required()) {
                    refused(plugins, c, c.with(null, spec.key()), "needs the sub-option " + spec);
                }
                runs += 2;
            }
            runs++;
        }
        System.out.println("SubOptionsIT: " + cases.size() + " actions, " + runs + " refused command lines");
    }

    @Test
    void aMistypedKeyIsAnsweredWithTheClosestDeclaredOne() {
        Path plugins = SystemTests.distribution().resolve("plugins");
        CtysRun run = CtysRun.ctys(plugins, "-t", "VDE", "-a", "create=bridge:br1", NOWHERE);
        assertEquals("ctys: sub-option 'bridge' is not known to VDE create; known: b, i, u, g, sock, mgmt, stp, f, "
                + "legacy (did you mean b:<bridge>?)\n", run.err());
        assertTrue(CtysRun.ctys(plugins, "-t", "VDE", "-a", "create=usr:alice", NOWHERE).err()
                .contains("(did you mean u:<user>[.<group>]?)"));
    }

    /**
     * ctys-setupVDE's switch options and a target's context options stand for sub-options (the VDE plugin says
     * which); they are held to the same declaration, and the error names the option as it was written.
     */
    @Test
    void optionsThatStandForSubOptionsAreHeldToTheSynopsisAndNamed() {
        Path plugins = SystemTests.distribution().resolve("plugins");
        java.util.Map<String, String> environment = java.util.Map.of(
                org.ctys.core.config.ConfigKeys.ENV_PLUGINS_PATH, plugins.toString());
        CtysRun face = CtysRun.of(null, environment, "ctys-setupVDE", "-b", "br1", "-r", NOWHERE, "info");
        assertEquals(1, face.code(), face.toString());
        assertEquals("ctys-setupVDE: option '-b' does not apply to VDE info (info[=u:<user>][,mgmt:<QEMUMGMT>])\n",
                face.err());
        CtysRun context = CtysRun.ctys(plugins, "-t", "VDE", "-a", "ports", NOWHERE + "(-S /x/m -f)");
        assertEquals(1, context.code(), context.toString());
        assertTrue(context.err().contains("option '-f' does not apply to VDE ports"), context.err());
    }

    /** A bridge name that is none is refused once, before any of the targets is reached, however it was given. */
    @Test
    void aBadValueIsOneLineForAllTargets() {
        Path plugins = SystemTests.distribution().resolve("plugins");
        java.util.Map<String, String> environment = java.util.Map.of(
                org.ctys.core.config.ConfigKeys.ENV_PLUGINS_PATH, plugins.toString());
        String hosts = "h[1-20]." + NOWHERE;
        CtysRun subOption = CtysRun.ctys(plugins, "-t", "VDE", "-a", "create=b:br;rm", hosts);
        assertEquals(1, subOption.code(), subOption.toString());
        assertEquals("ctys: sub-option 'b:br;rm' of VDE create: expected an interface name of 1-15 letters, "
                + "digits, '_', '.' or '-', e.g. br0\n", subOption.err());
        CtysRun face = CtysRun.of(null, environment, "ctys-setupVDE", "-b", "br;rm", "-r", hosts, "create");
        assertEquals(1, face.code(), face.toString());
        assertEquals("ctys-setupVDE: option '-b br;rm' of VDE create: expected an interface name of 1-15 letters, "
                + "digits, '_', '.' or '-', e.g. br0\n", face.err());
    }
}
