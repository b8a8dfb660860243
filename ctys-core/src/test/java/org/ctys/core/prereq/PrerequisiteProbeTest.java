package org.ctys.core.prereq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ctys.api.Target;
import org.ctys.core.exec.Escalation;
import org.ctys.core.exec.TargetCommandRunner;
import org.ctys.core.exec.Transport;
import org.ctys.core.prereq.PrerequisiteProbe.Status;
import org.ctys.spi.Prerequisite;
import org.ctys.spi.Prerequisite.Kind;
import org.junit.jupiter.api.Test;

class PrerequisiteProbeTest {

    @Test
    void oneShellCallAnswersEveryPrerequisite() {
        List<Prerequisite> wanted = List.of(
                Prerequisite.program("sh", "dash", "x"),
                Prerequisite.program("no-such-program-ctys", "nothing", "x"),
                new Prerequisite(Kind.FILE, "/etc/hostname", "base-files", "x"),
                new Prerequisite(Kind.FILE, "/no/such/file", "nothing", "x"),
                new Prerequisite(Kind.DEVICE, "/dev/null", "kernel", "x"),
                new Prerequisite(Kind.DEVICE, "/dev/no-such-device", "kernel", "x"));
        List<PrerequisiteProbe.Finding> findings = PrerequisiteProbe.parse(wanted,
                new TargetCommandRunner(Target.LOCALHOST, Transport.LOCAL, Escalation.NONE, null, null)
                        .run(PrerequisiteProbe.command(wanted)));
        assertEquals(List.of(Status.OK, Status.MISSING, Status.OK, Status.MISSING, Status.OK, Status.MISSING),
                findings.stream().map(PrerequisiteProbe.Finding::status).toList());
        assertEquals("/dev/null", findings.get(4).where());
    }
}
