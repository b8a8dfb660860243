package org.ctys.plugin.vde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ctys.api.SubOptions;
import org.ctys.api.Target;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.CommandResult;
import org.ctys.api.exec.CommandRunner;
import org.ctys.spi.PluginContext;
import org.ctys.testkit.TestPluginContext;
import org.junit.jupiter.api.Test;

/** The probe script, run for real by this machine's sh (it only reads). */
class ProbeTest {

    @Test
    void withoutAUserOneLookFindsTheLoginUsersPathsAndTapAsJavaNamesThem() {
        List<Command> probes = new ArrayList<>();
        CommandRunner local = command -> {
            probes.add(command);
            try {
                Process process = new ProcessBuilder(command.argv()).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new CommandResult(process.waitFor(), out, "", Duration.ZERO);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        SwitchActions actions = new SwitchActions(SubOptions.NONE, new TestPluginContext(Target.LOCALHOST, local));
        String login = System.getProperty("user.name");
        assertEquals(PluginContext.DEFAULT_SOCKET_BASE + "/vde_mgmt0." + login, actions.endpointOf().mgmt());
        assertEquals(1, probes.size(), "the script derived the same tap name, so it looked once");
    }
}
