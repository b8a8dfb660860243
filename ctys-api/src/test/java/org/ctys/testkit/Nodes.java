package org.ctys.plugin.qemu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.spi.DataNode;

/**
 * Builds parsed documents for unit tests, one line per key in the order given, as a YAML file would have them.
 * (Parsing real files is core's job and is tested end to end in core's integration tests.)
 */
final class Nodes {

    private int line = 1;

    /** @param keysAndValues key, value, key, value...; a value is a String, a List or a Map built by this class */
    DataNode.Mapping map(Object... keysAndValues) {
        int start = line;
        Map<String, DataNode> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            lines.put(key, line);
            entries.put(key, node(keysAndValues[i + 1]));
            line++;
        }
        return new DataNode.Mapping(entries, lines, start);
    }

    List<Object> list(Object... items) {
        return List.of(items);
    }

    private DataNode node(Object value) {
        if (value instanceof DataNode node) {
            return node;
        }
        if (value instanceof List<?> items) {
            int start = line;
            List<DataNode> nodes = new ArrayList<>();
            for (Object item : items) {
                nodes.add(item instanceof Object[] pairs ? map(pairs) : node(item));
            }
            return new DataNode.Sequence(nodes, start);
        }
        return new DataNode.Scalar((String) value, line);
    }
}
