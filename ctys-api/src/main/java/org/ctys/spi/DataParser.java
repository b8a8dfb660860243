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
     * @param text one YAML document
     * @param source the file it came from, named in errors
     * @return the document's root; an empty document is an empty mapping
     * @throws UsageException with {@code source:line: reason} when the text is not one plain YAML document, a
     *         mapping repeats a key or a node carries a tag
     */
    DataNode yaml(String text, String source);

    /**
     * @param text one JSON value, such as a QMP reply
     * @param source where it came from, named in errors
     * @return the value
     * @throws UsageException with {@code source:line: reason} when the text is not one JSON value
     */
    DataNode json(String text, String source);
}
