package org.ctys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ctys.core.config.ConfigKeys;
import org.ctys.core.testing.CtysRun;
import org.ctys.core.testing.SystemTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctys --expand --ansible-inventory}, read back by the real {@code ansible-inventory --list} (Debian's
 * ansible-core): groups with includes, contexts, ports, users, IPv6, a host in two groups, names Ansible refuses.
 */
class AnsibleInventoryIT {

    @TempDir
    Path scratch;

    private JsonNode listed(String... targets) throws Exception {
        SystemTests.require(Files.isExecutable(Path.of("/usr/bin/ansible-inventory")),
                "ansible-inventory (Debian package ansible-core)");
        Path groups = Files.createDirectories(scratch.resolve("groups/site"));
        Files.writeString(groups.getParent().resolve("lab"), String.join("\n",
                "CONTEXT'(-Z SUDO)'",
                "#include site/db-tier",
                "web[1-2], admin@proxy:2222'(-d 1)'",
                ""));
        Files.writeString(groups.resolve("db-tier"), "db1 root@db2 web1\n[fd00::7]:2200\n");
        Files.writeString(groups.resolve("db_tier"), "other\n");
        List<String> args = new ArrayList<>(List.of("--expand", "--ansible-inventory"));
        args.addAll(List.of(targets));
        CtysRun run = CtysRun.of(null, Map.of(ConfigKeys.ENV_GROUPS_PATH, scratch.resolve("groups").toString()),
                "ctys", args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        Path inventory = scratch.resolve("inventory.yaml");
        Files.writeString(inventory, run.out());
        ProcessBuilder ansible = new ProcessBuilder("ansible-inventory", "-i", inventory.toString(), "--list");
        ansible.environment().put("ANSIBLE_LOCAL_TEMP", scratch.resolve("ansible").toString());
        ansible.environment().put("HOME", scratch.toString());
        CtysRun read = CtysRun.process(ansible);
        assertEquals(0, read.code(), read.err());
        // ansible warns, and still exits 0, when it cannot parse a source
        assertTrue(read.err().isBlank(), read.err() + "\n" + run.out());
        return new ObjectMapper().readTree(read.out());
    }

    private static Map<String, String> vars(JsonNode list, String host) {
        Map<String, String> vars = new TreeMap<>();
        list.path("_meta").path("hostvars").path(host).fields()
                .forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
        return vars;
    }

    private static List<String> members(JsonNode list, String group, String kind) {
        List<String> names = new ArrayList<>();
        list.path(group).path(kind).forEach(n -> names.add(n.asText()));
        return names;
    }

    @Test
    void groupsIncludesUsersPortsAndContextsReachAnsible() throws Exception {
        JsonNode list = listed("@lab", "site/db_tier", "extra:2200", "localhost");
        assertEquals(List.of("ungrouped", "lab", "site_db_tier_2"), members(list, "all", "children"));
        assertEquals(List.of("site_db_tier"), members(list, "lab", "children"));
        assertEquals(List.of("web1", "web2", "proxy"), members(list, "lab", "hosts"));
        assertEquals(List.of("db1", "db2", "web1", "fd00::7"), members(list, "site_db_tier", "hosts"));
        assertEquals(List.of("other"), members(list, "site_db_tier_2", "hosts"));
        assertEquals(List.of("extra", "localhost"), members(list, "ungrouped", "hosts"));
        assertEquals(Map.of("ansible_host", "proxy", "ansible_port", "2222", "ansible_user", "admin",
                "ctys_context", "-Z SUDO -d 1"), vars(list, "proxy"));
        assertEquals(Map.of("ansible_host", "db2", "ansible_user", "root", "ctys_context", "-Z SUDO"),
                vars(list, "db2"));
        assertEquals(Map.of("ansible_host", "fd00::7", "ansible_port", "2200", "ctys_context", "-Z SUDO"),
                vars(list, "fd00::7"));
        assertEquals(Map.of("ansible_host", "extra", "ansible_port", "2200"), vars(list, "extra"));
        assertEquals(Map.of("ansible_host", "other"), vars(list, "other"));
        assertEquals(Map.of("ansible_host", "localhost", "ansible_connection", "local"), vars(list, "localhost"));
    }

    @Test
    void aHostReachedTwoWaysIsTwoInventoryHosts() throws Exception {
        JsonNode list = listed("web1", "alice@web1", "web1'(-d 2)'", "-l", "bob");
        assertEquals(Map.of("ansible_host", "web1", "ansible_user", "bob"), vars(list, "web1"));
        assertEquals(Map.of("ansible_host", "web1", "ansible_user", "alice"), vars(list, "web1_2"));
        assertEquals(Map.of("ansible_host", "web1", "ansible_user", "bob", "ctys_context", "-d 2"),
                vars(list, "web1_3"));
    }

    @Test
    void itIsAnOutputOfExpandAlone() {
        for (String[] args : new String[][] {{"--ansible-inventory", "h1"}, {"--expand", "--ansible-inventory",
            "-X", "h1"}, {"--expand", "--ansible-inventory", "--json", "h1"}}) {
            CtysRun run = CtysRun.of(null, Map.of(), "ctys", args);
            assertEquals(1, run.code(), String.join(" ", args));
            assertEquals("ctys: --ansible-inventory is an output of --expand, without -X or --json: ctys --expand "
                    + "--ansible-inventory <targets>\n", run.err());
        }
    }
}
