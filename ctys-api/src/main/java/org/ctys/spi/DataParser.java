package org.ctys.spi;

import org.ctys.api.UsageException;

/**
 * Parses data documents for plugins, which bring no parser of their own (they depend on ctys-api only). Core
 * offers it as a service: {@code context.service(DataParser.class)}. YAML is loaded safely: the result is plain
 * data, never objects named by tags.
 *
 * @since 0.1
 */
public interface DataParser {

    /**
     * The longest document the parser takes, in characters (1 MiB of ASCII); a longer one is refused before it is
     * parsed. A plugin that reads a document from a target reads at most one character more, so that a huge file
     * costs neither time nor memory.
     *
     * @since 0.1
     */
    int MAX_DOCUMENT_CHARS = 1 << 20;

    /**
     * Returns the document's root; an empty document is an empty mapping.
     *
     * @param text one YAML document
     * @param source the file it came from, named in errors
     * @return the document's root; an empty document is an empty mapping
     * @throws UsageException with {@code source:line: reason} when the text is not one plain YAML document, a
     *         mapping repeats a key or a node carries a tag, or is longer than {@link #MAX_DOCUMENT_CHARS}
     */
    DataNode yaml(String text, String source);

    /**
     * Returns the value.
     *
     * @param text one JSON value, such as a QMP reply
     * @param source where it came from, named in errors
     * @return the value
     * @throws UsageException with {@code source:line: reason} when the text is not one JSON value
     */
    DataNode json(String text, String source);
}
