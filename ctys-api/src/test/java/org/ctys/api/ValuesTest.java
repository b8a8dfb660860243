package org.ctys.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ctys.api.exec.Command;
import org.ctys.api.exec.Privilege;
import org.ctys.spi.ApiVersion;
import org.ctys.spi.Prerequisite;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void targetPrintsBracketsOnlyForIpv6WithPort() {
        assertEquals("root@[::1]:2222", new Target("root", "::1", 2222, List.of()).toString());
        assertEquals("::1", Target.of("::1").toString());
        assertEquals("lab00:22", new Target(null, "lab00", 22, List.of()).toString());
    }

    @Test
    void localhostIsLocalOnlyForNoUserOrTheCurrentUser() {
        assertTrue(Target.LOCALHOST.isLocal("alice"));
        assertTrue(new Target("alice", "localhost", null, List.of()).isLocal("alice"));
        assertFalse(new Target("bob", "localhost", null, List.of()).isLocal("alice"));
        assertFalse(new Target(null, "localhost", 2222, List.of()).isLocal("alice"));
        assertFalse(Target.of("lab00").isLocal("alice"));
    }

    @Test
    void targetRejectsBadPortsAndBlankHosts() {
        assertThrows(IllegalArgumentException.class, () -> new Target(null, "h", 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Target(null, " ", null, List.of()));
    }

    @Test
    void subOptionsMatchKeysIgnoringCaseAndKeepRepeats() {
        SubOptions options = new SubOptions(List.of(new SubOption("l", "a"), new SubOption("L", "b"),
                new SubOption("reuse", null)));
        assertEquals(List.of("a", "b"), options.values("L"));
        assertEquals("a", options.value("l").orElseThrow());
        assertTrue(options.has("REUSE"));
        assertTrue(options.value("reuse").isEmpty());
    }

    @Test
    void commandIsAnArgvListMarkedForRootOnRequest() {
        Command command = Command.of("ip", "link", "show").asRoot();
        assertEquals(List.of("ip", "link", "show"), command.argv());
        assertEquals(Privilege.ROOT, command.privilege());
        assertThrows(IllegalArgumentException.class, () -> Command.of(List.of()));
    }

    @Test
    void requestUpperCasesTypeAndAction() {
        ActionRequest request = new ActionRequest("vde", "create", SubOptions.NONE, false);
        assertEquals("VDE", request.sessionType());
        assertEquals("CREATE", request.action());
    }

    @Test
    void prerequisitesAreBareProgramsOrAbsolutePaths() {
        assertThrows(IllegalArgumentException.class, () -> Prerequisite.program("/usr/bin/ip", "iproute2", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new Prerequisite(Prerequisite.Kind.DEVICE, "dev/kvm", "kernel", "x"));
    }

    @Test
    void apiVersionIsFilteredFromTheBuild() {
        assertTrue(ApiVersion.current().matches("\\d+\\.\\d+\\.\\d+"), ApiVersion.current());
    }
}
