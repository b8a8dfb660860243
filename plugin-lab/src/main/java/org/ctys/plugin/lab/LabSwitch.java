package org.ctys.plugin.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ctys.api.Target;

/**
 * One switch of a lab: a VDE switch on a host, made as {@code -t VDE -a create} makes one.
 *
 * @param name its name in the lab
 * @param host where it runs
 * @param options its VDE create options by lab key ({@code bridge}, {@code interface}, {@code user}, {@code group})
 */
record LabSwitch(String name, Target host, Map<String, String> options) {

    LabSwitch {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
