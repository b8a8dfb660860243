package org.ctys.plugin.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.Target;

/**
 * A lab's topology in the languages other tools draw: Graphviz DOT ({@code dot -Tsvg}) and Mermaid (Markdown
 * renderers). Hosts are boxes around their switches and guests; cables are edges labelled with their kind and what
 * they do to the traffic.
 */
final class Graph {

    private Graph() {
    }

    /** @return the lab as an undirected Graphviz graph, ending with a line break */
    static String dot(Lab lab) {
        StringBuilder out = new StringBuilder();
        out.append("graph ").append(quoteDot(lab.name())).append(" {\n");
        out.append("  node [shape=box];\n");
        int cluster = 0;
        for (Map.Entry<Target, List<String>> host : members(lab).entrySet()) {
            out.append("  subgraph cluster_").append(cluster++).append(" {\n");
            out.append("    label=").append(quoteDot(host.getKey().toString())).append(";\n");
            for (String member : host.getValue()) {
                LabGuest guest = lab.guests().get(member);
                out.append("    ").append(quoteDot(member));
                if (guest != null) {
                    out.append(" [shape=ellipse, label=").append(quoteDot(member + "\n" + guest.type() + " "
                            + guest.definition())).append(']');
                }
                out.append(";\n");
            }
            out.append("  }\n");
        }
        for (Cable cable : lab.cables()) {
            out.append("  ").append(quoteDot(cable.from())).append(" -- ").append(quoteDot(cable.to()))
                    .append(" [label=").append(quoteDot(cableLabel(cable))).append("];\n");
        }
        for (LabGuest guest : lab.guests().values()) {
            out.append("  ").append(quoteDot(guest.name())).append(" -- ").append(quoteDot(guest.switchName()))
                    .append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** @return the lab as a Mermaid flowchart, ending with a line break */
    static String mermaid(Lab lab) {
        Map<String, String> ids = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        int hostNumber = 0;
        for (Map.Entry<Target, List<String>> host : members(lab).entrySet()) {
            out.append("  subgraph host").append(hostNumber++).append("[")
                    .append(quoteMermaid(host.getKey().toString())).append("]\n");
            for (String member : host.getValue()) {
                String id = "n" + ids.size();
                ids.put(member, id);
                LabGuest guest = lab.guests().get(member);
                boolean isGuest = guest != null;
                out.append("    ").append(id).append(isGuest ? "([" : "[")
                        .append(quoteMermaid(isGuest ? member + ": " + guest.type() + " " + guest.definition()
                                : member))
                        .append(isGuest ? "])" : "]").append('\n');
            }
            out.append("  end\n");
        }
        for (Cable cable : lab.cables()) {
            out.append("  ").append(ids.get(cable.from())).append(" ---|")
                    .append(quoteMermaid(cableLabel(cable))).append("| ").append(ids.get(cable.to())).append('\n');
        }
        for (LabGuest guest : lab.guests().values()) {
            out.append("  ").append(ids.get(guest.name())).append(" --- ").append(ids.get(guest.switchName()))
                    .append('\n');
        }
        return out.toString();
    }

    /** @return the switches and then the guests of each host, hosts in the order the file first names them */
    private static Map<Target, List<String>> members(Lab lab) {
        Map<Target, List<String>> hosts = new LinkedHashMap<>();
        lab.switches().values().forEach(s -> hosts.computeIfAbsent(s.host(), h -> new ArrayList<>()).add(s.name()));
        lab.guests().values().forEach(g -> hosts.computeIfAbsent(g.host(), h -> new ArrayList<>()).add(g.name()));
        return hosts;
    }

    private static String cableLabel(Cable cable) {
        String link = cable.link().label();
        return link.isEmpty() ? cable.kind().written() : cable.kind().written() + " " + link;
    }

    private static String quoteDot(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Mermaid reads a label in double quotes literally, but for the quote itself, written as an entity. */
    private static String quoteMermaid(String text) {
        return "\"" + text.replace("\"", "#quot;") + "\"";
    }
}
