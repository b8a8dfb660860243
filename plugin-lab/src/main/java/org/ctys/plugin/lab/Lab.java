package org.ctys.plugin.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lab as its file describes it: switches on hosts, cables between switches, guests on switches.
 *
 * @param name the lab's name, short enough for the names of the links it makes
 * @param switches the switches by name, in file order
 * @param cables the cables, in file order
 * @param guests the guests by name, in file order
 */
record Lab(String name, Map<String, LabSwitch> switches, List<Cable> cables, Map<String, LabGuest> guests) {

    Lab {
        switches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(switches));
        cables = List.copyOf(cables);
        guests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(guests));
    }

    /**
     * @param names switches of this lab
     * @return a lab of the same name with only those switches, and no cables or guests
     */
    Lab only(java.util.Set<String> names) {
        Map<String, LabSwitch> kept = new LinkedHashMap<>(switches);
        kept.keySet().retainAll(names);
        return new Lab(name, kept, List.of(), Map.of());
    }

    /**
     * @param kept cables of this lab
     * @return this lab with only those cables, and no guests
     */
    Lab withCables(List<Cable> kept) {
        return new Lab(name, switches, kept, Map.of());
    }

    /**
     * @param kept guests of this lab
     * @return this lab with only those guests, and no cables
     */
    Lab withGuests(java.util.Collection<LabGuest> kept) {
        Map<String, LabGuest> byName = new LinkedHashMap<>();
        kept.forEach(g -> byName.put(g.name(), g));
        return new Lab(name, switches, List.of(), byName);
    }

    /**
     * @return the first cable, in file order, that closes a loop of cables (two cables between the same switches
     *     count), empty when the cables form a forest
     */
    Optional<Cable> loopClosedBy() {
        Map<String, String> parent = new java.util.HashMap<>();
        switches.keySet().forEach(name -> parent.put(name, name));
        for (Cable cable : cables) {
            String a = root(parent, cable.from());
            String b = root(parent, cable.to());
            if (a.equals(b)) {
                return Optional.of(cable);
            }
            parent.put(a, b);
        }
        return Optional.empty();
    }

    private static String root(Map<String, String> parent, String name) {
        String at = name;
        while (!parent.get(at).equals(at)) {
            at = parent.get(at);
        }
        return at;
    }

    /** @return the switch of that name, if the lab has one */
    Optional<LabSwitch> switchNamed(String name) {
        return Optional.ofNullable(switches.get(name));
    }
}
