package org.ctys.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.spi.DataNode;

/**
 * Builds parsed documents, as {@code DataParser} returns them, for a plugin's unit tests: one line per key in the
 * order given, as a YAML file would have them. (Parsing real files is core's job, tested in core.)
 */
public final class Nodes {

    private int line = 1;

    /**
     * @param keysAndValues key, value, key, value...; a value is a String, a List from {@link #list}, an
     *     {@code Object[]} of keys and values inside a list, or a node built by this class
     * @return the mapping, its keys on consecutive lines
     */
    public DataNode.Mapping map(Object... keysAndValues) {
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

    /**
     * @param items the items: strings, lists, {@code Object[]} of keys and values (a mapping), or nodes
     * @return them as a list value for {@link #map}
     */
    public List<Object> list(Object... items) {
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
