package org.ctys.core.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ctys.addressing.ResolvedTarget;
import org.ctys.api.Target;
import org.ctys.core.exec.RemoteShell;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Targets as an Ansible YAML inventory, for {@code ctys --expand --ansible-inventory}: every target once under
 * {@code all.hosts} with {@code ansible_host}, {@code ansible_port}, {@code ansible_user} and its context options
 * as {@code ctys_context}; every ctys GROUP it came through as an Ansible group, a group it includes as a child.
 * Ansible group names allow only letters, digits and '_': others become '_' ({@code site/db} is {@code site_db};
 * a name taken already gets {@code _2}). A host reached twice with another user, port or options is a second
 * inventory host ({@code host_2}) with the same {@code ansible_host}.
 */
final class AnsibleInventory {

    /** A GROUP as an Ansible group: its inventory name, its hosts and the GROUPs it includes. */
    private record Group(String name, Set<String> hosts, Set<String> children) {
    }

    private final String currentUser;
    private final Map<Target, String> hostNames = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Set<String> topGroups = new LinkedHashSet<>();
    private final Set<String> usedGroupNames = new HashSet<>();

    private AnsibleInventory(String currentUser) {
        this.currentUser = currentUser;
    }

    /**
     * @param targets the targets, duplicates kept (a host named by two groups is a member of both)
     * @param currentUser the user running ctys, whose {@code localhost} is reached without ssh
     * @return the inventory as YAML
     */
    static String of(List<ResolvedTarget> targets, String currentUser) {
        AnsibleInventory inventory = new AnsibleInventory(currentUser);
        targets.forEach(inventory::add);
        return inventory.yaml();
    }

    private void add(ResolvedTarget resolved) {
        String host = hostNames.computeIfAbsent(resolved.target(), this::newHost);
        // macros are part of the origin too; only GROUPs become Ansible groups
        List<String> chain = resolved.origin().stream().filter(o -> !o.startsWith("MACRO:")).toList();
        for (int i = 0; i < chain.size(); i++) {
            Group group = groups.computeIfAbsent(chain.get(i), this::newGroup);
            if (i == 0) {
                topGroups.add(chain.get(i));
            } else {
                groups.get(chain.get(i - 1)).children().add(chain.get(i));
            }
            if (i == chain.size() - 1) {
                group.hosts().add(host);
            }
        }
    }

    private String newHost(Target target) {
        String name = target.host();
        for (int n = 2; hostVars.containsKey(name); n++) {
            name = target.host() + "_" + n;
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", target.host());
        if (target.port() != null) {
            vars.put("ansible_port", target.port());
        }
        if (target.user() != null) {
            vars.put("ansible_user", target.user());
        }
        if (target.isLocal(currentUser)) {
            vars.put("ansible_connection", "local");
        }
        if (!target.options().isEmpty()) {
            vars.put("ctys_context", RemoteShell.quote(target.options()));
        }
        hostVars.put(name, vars);
        return name;
    }

    private Group newGroup(String ctysName) {
        String base = ctysName.replaceAll("[^A-Za-z0-9_]", "_");
        base = Character.isDigit(base.charAt(0)) ? "_" + base : base;
        String name = base;
        for (int n = 2; !usedGroupNames.add(name); n++) {
            name = base + "_" + n;
        }
        return new Group(name, new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    private String yaml() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("hosts", hostVars);
        if (!topGroups.isEmpty()) {
            all.put("children", children(topGroups, new ArrayList<>()));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(1000);
        return new Yaml(options).dump(Map.of("all", all));
    }

    /** The groups named, each with its hosts (their vars are under all.hosts) and the groups it includes. */
    private Map<String, Object> children(Set<String> ctysNames, List<String> path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String ctysName : ctysNames) {
            Group group = groups.get(ctysName);
            Map<String, Object> body = new LinkedHashMap<>();
            if (!group.hosts().isEmpty()) {
                Map<String, Object> hosts = new LinkedHashMap<>();
                group.hosts().forEach(h -> hosts.put(h, null));
                body.put("hosts", hosts);
            }
            // an include cycle is refused by the expansion; the path guards the recursion all the same
            if (!group.children().isEmpty() && !path.contains(ctysName)) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(ctysName);
                body.put("children", children(group.children(), deeper));
            }
            out.put(group.name(), body);
        }
        return out;
    }
}
