package org.ctys.plugin.vde;

import java.util.List;
import org.ctys.api.exec.Command;

/**
 * The tools that make taps and bridges: iproute2 by default; {@code vde_tunctl}, {@code brctl} and
 * {@code ifconfig} (the original's tools, all deprecated upstream) where iproute2 is missing or when asked for with
 * the sub-option {@code legacy}. Every command needs root; iproute2's are all {@code ip link} and {@code ip tuntap},
 * so that a sudoers rule can allow exactly those.
 */
enum Backend {

    /** {@code ip link}, {@code ip tuntap}. */
    IPROUTE2 {
        @Override
        List<Command> addBridge(String bridge) {
            return List.of(Command.of("ip", "link", "add", "name", bridge, "type", "bridge"),
                    Command.of("ip", "link", "set", "dev", bridge, "up"));
        }

        @Override
        List<Command> deleteBridge(String bridge) {
            return List.of(Command.of("ip", "link", "del", "dev", bridge));
        }

        @Override
        List<Command> addTap(String tap, String user, String group) {
            return List.of(Command.of("ip", "tuntap", "add", "dev", tap, "mode", "tap", "user", user, "group", group));
        }

        @Override
        List<Command> deleteTap(String tap) {
            return List.of(Command.of("ip", "link", "del", "dev", tap));
        }

        @Override
        List<Command> joinBridge(String tap, String bridge) {
            return List.of(Command.of("ip", "link", "set", "dev", tap, "master", bridge, "up"));
        }

        @Override
        List<Command> up(String link) {
            return List.of(Command.of("ip", "link", "set", "dev", link, "up"));
        }
    },

    /** {@code brctl}, {@code vde_tunctl}, {@code ifconfig}. */
    LEGACY {
        @Override
        List<Command> addBridge(String bridge) {
            return List.of(Command.of("brctl", "addbr", bridge), Command.of("ifconfig", bridge, "up"));
        }

        @Override
        List<Command> deleteBridge(String bridge) {
            return List.of(Command.of("ifconfig", bridge, "down"), Command.of("brctl", "delbr", bridge));
        }

        @Override
        List<Command> addTap(String tap, String user, String group) {
            // Debian's vde_tunctl shows -g in its usage but refuses it: the tap gets its owner only
            return List.of(Command.of("vde_tunctl", "-u", user, "-t", tap));
        }

        @Override
        List<Command> deleteTap(String tap) {
            return List.of(Command.of("vde_tunctl", "-d", tap));
        }

        @Override
        List<Command> joinBridge(String tap, String bridge) {
            return List.of(Command.of("brctl", "addif", bridge, tap), Command.of("ifconfig", tap, "0.0.0.0", "up"));
        }

        @Override
        List<Command> up(String link) {
            return List.of(Command.of("ifconfig", link, "up"));
        }
    };

    abstract List<Command> addBridge(String bridge);

    abstract List<Command> deleteBridge(String bridge);

    abstract List<Command> addTap(String tap, String user, String group);

    abstract List<Command> deleteTap(String tap);

    abstract List<Command> joinBridge(String tap, String bridge);

    abstract List<Command> up(String link);
}
