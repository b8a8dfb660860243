package org.ctys.plugin.vde;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ctys.api.Column;

/**
 * The switch's {@code showinfo} text, as {@code info} reports it; a field the switch did not report is {@code null}.
 *
 * @param version the switch's version, e.g. {@code V.2.3.2}
 * @param pid the switch's process
 * @param mac the switch's MAC address
 * @param uptime seconds since the switch started
 * @param mgmt the management socket, as the switch reports it
 * @param mgmtPerm its permissions, octal
 * @param talkedTo the management socket ctys talked to
 */
public record SwitchInfo(String version, Long pid, String mac, Long uptime, String mgmt, String mgmtPerm,
                         @Column("switch") String talkedTo) {

    private static final Pattern VERSION = Pattern.compile("VDE switch (V\\.\\S+)");
    private static final Pattern PROCESS = Pattern.compile("pid (\\d+) MAC (\\S+) uptime (\\d+)");
    private static final Pattern MGMT = Pattern.compile("mgmt (\\S+) perm (\\d+)");

    static SwitchInfo parse(String data) {
        SwitchInfo info = new SwitchInfo(null, null, null, null, null, null, null);
        for (String line : data.split("\n")) {
            String text = line.strip();
            Matcher m;
            if ((m = VERSION.matcher(text)).find()) {
                info = new SwitchInfo(m.group(1), info.pid, info.mac, info.uptime, info.mgmt, info.mgmtPerm, null);
            } else if ((m = PROCESS.matcher(text)).find()) {
                info = new SwitchInfo(info.version, Long.parseLong(m.group(1)), m.group(2),
                        Long.parseLong(m.group(3)), info.mgmt, info.mgmtPerm, null);
            } else if ((m = MGMT.matcher(text)).find()) {
                info = new SwitchInfo(info.version, info.pid, info.mac, info.uptime, m.group(1), m.group(2), null);
            }
        }
        return info;
    }

    SwitchInfo talkedTo(String socket) {
        return new SwitchInfo(version, pid, mac, uptime, mgmt, mgmtPerm, socket);
    }
}
