package org.ctys.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ctys.addressing.DefinitionTable;
import org.ctys.addressing.SourceText;
import org.ctys.api.EnvironmentException;

/**
 * Group and macro definitions read from directories, searched in order, the first file found winning. Never the
 * current directory (the original looked there first, which made a stray file turn a host into a group).
 */
public final class DefinitionFiles implements DefinitionTable {

    /** How deep {@link #names()} looks: groups are {@code name} or {@code dir/name}, rarely deeper. */
    private static final int NAME_DEPTH = 4;

    private final List<Path> directories;

    /** @param directories the directories to search, in order */
    public DefinitionFiles(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** A name is looked up in each directory in turn; an absolute name (a macro's %/path/file) is read as is. */
    @Override
    public Optional<SourceText> find(String name) {
        if (name.startsWith("/")) {
            return Files.isRegularFile(Path.of(name)) ? Optional.of(load(name, Path.of(name))) : Optional.empty();
        }
        return read(name);
    }

    private Optional<SourceText> read(String name) {
        for (Path directory : directories) {
            Path file = directory.resolve(name).normalize();
            if (file.startsWith(directory.normalize()) && Files.isRegularFile(file)) {
                return Optional.of(load(name, file));
            }
        }
        return Optional.empty();
    }

    private static SourceText load(String name, Path file) {
        try {
            return new SourceText(name, file.toString(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new EnvironmentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the names of the definitions found, as they are written after {@code @} ({@code lab},
     *     {@code site/rack1}), sorted; hidden files and editor backups left out
     */
    public List<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.walk(directory, NAME_DEPTH)) {
                files.filter(Files::isRegularFile).map(file -> directory.relativize(file).toString())
                        .filter(name -> !name.startsWith(".") && !name.contains("/.") && !name.endsWith("~"))
                        .forEach(names::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable directory offers no names; reading a group from it reports the error
            }
        }
        return List.copyOf(names);
    }

    @Override
    public String searchPath() {
        return directories.isEmpty() ? "(no directories)"
                : directories.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
