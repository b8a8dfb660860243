package org.ctys.plugin.vde;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The switch's {@code showinfo} text, as named fields; the pid and the uptime (seconds) as numbers. */
final class SwitchInfo {

    private SwitchInfo() {
    }

    static Map<String, Object> parse(String data) {
        Map<String, Object> info = new LinkedHashMap<>();
        for (String line : data.split("\n")) {
            String text = line.strip();
            Matcher m;
            if ((m = Pattern.compile("VDE switch (V\\.\\S+)").matcher(text)).find()) {
                info.put("version", m.group(1));
            } else if ((m = Pattern.compile("pid (\\d+) MAC (\\S+) uptime (\\d+)").matcher(text)).find()) {
                info.put("pid", Long.parseLong(m.group(1)));
                info.put("mac", m.group(2));
                info.put("uptime", Long.parseLong(m.group(3)));
            } else if ((m = Pattern.compile("mgmt (\\S+) perm (\\d+)").matcher(text)).find()) {
                info.put("mgmt", m.group(1));
                info.put("mgmtPerm", m.group(2));
            } else if ((m = Pattern.compile("^([A-Za-z_]+)=(\\S+)$").matcher(text)).find()) {
                info.put(m.group(1), m.group(2));
            }
        }
        return info;
    }
}
