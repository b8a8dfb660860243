package org.ctys.core.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ctys.api.UsageException;
import org.ctys.spi.DataNode;
import org.ctys.spi.DataParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The {@link DataParser} core offers plugins. YAML is only composed into nodes, never constructed, so no tag can
 * make an object; JSON is read with Jackson's streaming parser to keep line numbers.
 */
public final class DataDocuments implements DataParser {

    /** Loaded on first JSON only: most runs never parse any. */
    private static final class Json {
        private static final JsonFactory FACTORY = JsonFactory.builder().build();
    }

    private static final int MAX_DEPTH = 64;

    @Override
    public DataNode yaml(String text, String source) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            // SnakeYAML applies its own limit only as it goes, and scans a long plain scalar in quadratic time
            throw error(source, 1, "larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw error(source, line, e.getProblem());
        } catch (YAMLException e) {
            throw error(source, 1, e.getMessage());
        }
        return root == null ? new DataNode.Mapping(Map.of(), Map.of(), 1) : convert(root, source);
    }

    private static DataNode convert(Node node, String source) {
        int line = node.getStartMark().getLine() + 1;
        Tag tag = node.getTag();
        if (!tag.startsWith(Tag.PREFIX)) {
            throw error(source, line, "tag " + tag.getValue() + " is not allowed: definitions are plain data");
        }
        if (node instanceof ScalarNode scalar) {
            return new DataNode.Scalar(Tag.NULL.equals(tag) ? null : scalar.getValue(), line);
        }
        if (node instanceof SequenceNode sequence) {
            return new DataNode.Sequence(sequence.getValue().stream().map(n -> convert(n, source)).toList(), line);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, DataNode> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            int keyLine = tuple.getKeyNode().getStartMark().getLine() + 1;
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || Tag.MERGE.equals(key.getTag())) {
                throw error(source, keyLine, "a key must be plain text");
            }
            if (entries.containsKey(key.getValue())) {
                throw error(source, keyLine, "key '" + key.getValue() + "' repeats the one on line "
                        + lines.get(key.getValue()));
            }
            lines.put(key.getValue(), keyLine);
            entries.put(key.getValue(), convert(tuple.getValueNode(), source));
        }
        return new DataNode.Mapping(entries, lines, line);
    }

    @Override
    public DataNode json(String text, String source) {
        try (JsonParser parser = Json.FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw error(source, 1, "no JSON value");
            }
            DataNode value = read(parser, source, 0);
            if (parser.nextToken() != null) {
                throw error(source, line(parser), "text after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw error(source, 1, e.getMessage().lines().findFirst().orElse("not JSON"));
        }
    }

    private static DataNode read(JsonParser parser, String source, int depth) throws IOException {
        int line = line(parser);
        if (depth > MAX_DEPTH) {
            throw error(source, line, "nested deeper than " + MAX_DEPTH);
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            List<DataNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser, source, depth + 1));
            }
            return new DataNode.Sequence(items, line);
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, DataNode> entries = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line(parser);
                if (entries.containsKey(key)) {
                    throw error(source, keyLine, "key '" + key + "' repeats");
                }
                parser.nextToken();
                lines.put(key, keyLine);
                entries.put(key, read(parser, source, depth + 1));
            }
            return new DataNode.Mapping(entries, lines, line);
        }
        return new DataNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }

    private static int line(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    private static UsageException error(String source, int line, String reason) {
        return new UsageException(source + ":" + line + ": " + reason.strip());
    }
}
