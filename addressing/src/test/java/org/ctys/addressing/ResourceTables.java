package org.ctys.addressing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Group and macro tables over the test resources, the way core's file tables read directories. */
final class ResourceTables implements DefinitionTable {

    private final Path root;

    ResourceTables(String directory) {
        try {
            root = Path.of(ResourceTables.class.getResource("/" + directory).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResourceTables groups() {
        return new ResourceTables("groups");
    }

    static ResourceTables macros() {
        return new ResourceTables("macros");
    }

    @Override
    public Optional<SourceText> find(String name) {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SourceText(name, name, Files.readAllLines(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String searchPath() {
        return root.toString();
    }
}
