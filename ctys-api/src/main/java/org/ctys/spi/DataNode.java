package org.ctys.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of a parsed data document (YAML or JSON), as plain data only: a scalar kept as its text, a sequence, or a
 * mapping in file order. Each node knows the line it starts on, so a plugin can say where a definition is wrong.
 * Scalars are not typed by the parser ({@code no}, {@code 0x10}, {@code 1e3} stay text): the plugin decides what a
 * value means.
 *
 * @since 0.1
 */
public sealed interface DataNode permits DataNode.Scalar, DataNode.Sequence, DataNode.Mapping {

    /**
     * Returns the line (1-based) the node starts on.
     *
     * @return the line (1-based) the node starts on
     */
    int line();

    /**
     * Returns a word for this kind of node, for error messages: scalar, list or mapping.
     *
     * @return a word for this kind of node, for error messages: scalar, list or mapping
     */
    String kind();

    /**
     * A scalar: text, a number or a boolean, as written; {@code null} for YAML's null.
     *
     * @param text the value as written, or {@code null}
     * @param line the line it is on
     */
    record Scalar(String text, int line) implements DataNode {

        @Override
        public String kind() {
            return "scalar";
        }
    }

    /**
     * A list.
     *
     * @param items the items in order
     * @param line the line it starts on
     */
    record Sequence(List<DataNode> items, int line) implements DataNode {

        /**
         * Copies the items.
         *
         * @param items the items in order
         * @param line the line it starts on
         */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "list";
        }
    }

    /**
     * A mapping from text keys to nodes; keys are unique and kept in file order.
     *
     * @param entries the entries in file order
     * @param keyLines the line of each key
     * @param line the line it starts on
     */
    record Mapping(Map<String, DataNode> entries, Map<String, Integer> keyLines, int line) implements DataNode {

        /**
         * Copies the entries, keeping their order.
         *
         * @param entries the entries in file order
         * @param keyLines the line of each key
         * @param line the line it starts on
         */
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLines = Map.copyOf(keyLines);
        }

        /**
         * Returns its node, empty when the key is absent.
         *
         * @param key a key
         * @return its node, empty when the key is absent
         */
        public Optional<DataNode> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        /**
         * Returns the line the key is written on, or the mapping's line when it is absent.
         *
         * @param key a key
         * @return the line the key is written on, or the mapping's line when it is absent
         */
        public int lineOf(String key) {
            return Objects.requireNonNullElse(keyLines.get(key), line);
        }

        @Override
        public String kind() {
            return "mapping";
        }
    }
}
