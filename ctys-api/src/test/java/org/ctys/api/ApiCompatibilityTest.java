package org.ctys.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ctys.spi.ApiVersion;
import org.junit.jupiter.api.Test;

/**
 * Guards plugin authors against accidental breaking changes: the public API (every public type, and its public and
 * protected members, of org.ctys.api, org.ctys.api.exec, org.ctys.spi, org.ctys.spi.support) is compared with the
 * signatures recorded for this API version in {@code src/test/resources/api/ctys-api.signatures}. A removed or
 * changed signature, a new abstract method in an existing type (every implementation breaks) or a new permitted
 * subtype of a sealed type fails the build unless {@code ctys.api.version} was raised past the recorded one.
 * Additions pass only once recorded: {@code mvn -pl ctys-api test -Dctys.api.record=true} rewrites the file, and
 * the diff shows the API change in review.
 */
class ApiCompatibilityTest {

    private static final Path BASELINE = Path.of("src", "test", "resources", "api", "ctys-api.signatures");
    private static final Set<String> PACKAGES = Set.of("org.ctys.api", "org.ctys.api.exec", "org.ctys.spi",
            "org.ctys.spi.support");

    @Test
    void thePublicApiIsTheRecordedOneOrOnlyGrew() throws Exception {
        List<String> current = signatures();
        String header = "# ctys-api " + ApiVersion.current()
                + " - public signatures; rewrite with: mvn -pl ctys-api test -Dctys.api.record=true";
        if (Boolean.getBoolean("ctys.api.record")) {
            Files.write(BASELINE, Stream.concat(Stream.of(header), current.stream()).toList());
            return;
        }
        assertTrue(Files.exists(BASELINE), "no recorded API at " + BASELINE.toAbsolutePath());
        List<String> recorded = Files.readAllLines(BASELINE);
        String recordedVersion = recorded.get(0).split(" ")[2];
        Set<String> before = new TreeSet<>(recorded.subList(1, recorded.size()));
        Set<String> now = new TreeSet<>(current);
        List<String> breaking = new ArrayList<>();
        before.stream().filter(s -> !now.contains(s)).map(s -> "removed or changed: " + s).forEach(breaking::add);
        Set<String> types = before.stream().filter(s -> !s.startsWith(" ")).map(ApiCompatibilityTest::typeName)
                .collect(Collectors.toSet());
        for (String added : now.stream().filter(s -> !before.contains(s)).toList()) {
            if (added.contains(" abstract ") && added.startsWith(" ") && types.contains(owner(added, current))) {
                breaking.add("new abstract method (breaks every implementation): " + added.strip());
            }
        }
        if (!breaking.isEmpty() && recordedVersion.equals(ApiVersion.current())) {
            fail("breaking change to ctys-api " + recordedVersion + " (plugins built against it would fail):\n  "
                    + String.join("\n  ", breaking) + "\nRestore it, or raise ctys.api.version in the root pom and "
                    + "re-record the API (see this test's javadoc).");
        }
        List<String> added = now.stream().filter(s -> !before.contains(s)).toList();
        if (!added.isEmpty() || !breaking.isEmpty() || !recordedVersion.equals(ApiVersion.current())) {
            fail("the API changed and is not recorded:\n  " + String.join("\n  ", added)
                    + "\nRecord it: mvn -pl ctys-api test -Dctys.api.record=true");
        }
    }

    private static String typeName(String header) {
        return header.split(" ")[1];
    }

    /** @return the type a member line belongs to: the nearest type header above it in the current listing */
    private static String owner(String member, List<String> listing) {
        String owner = null;
        for (String line : listing) {
            if (!line.startsWith(" ")) {
                owner = typeName(line);
            } else if (line.equals(member)) {
                return owner;
            }
        }
        return owner;
    }

    static List<String> signatures() throws IOException, ClassNotFoundException {
        Path classes = Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(f -> classes.relativize(f).toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).sorted().toList();
        }
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ApiVersion.class.getClassLoader());
            if (PACKAGES.contains(type.getPackageName()) && Modifier.isPublic(type.getModifiers())
                    && !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass()) {
                lines.add(header(type));
                lines.addAll(members(type));
            }
        }
        return lines;
    }

    private static String header(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        StringBuilder line = new StringBuilder(kind).append(' ').append(type.getName());
        int modifiers = type.getModifiers();
        if (!type.isInterface() && Modifier.isAbstract(modifiers)) {
            line.append(" abstract");
        }
        if (Modifier.isFinal(modifiers) && !type.isRecord() && !type.isEnum()) {
            line.append(" final");
        }
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            line.append(" implements ").append(Arrays.stream(type.getGenericInterfaces()).map(Type::getTypeName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static List<String> members(Class<?> type) {
        Set<String> lines = new TreeSet<>();
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                lines.add("  constructor (" + types(c.getGenericParameterTypes()) + ")");
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                int mod = m.getModifiers();
                String kind = Modifier.isStatic(mod) ? "static" : Modifier.isAbstract(mod) ? "abstract"
                        : m.isDefault() ? "default" : Modifier.isFinal(mod) ? "final" : "instance";
                lines.add("  method " + kind + " " + m.getGenericReturnType().getTypeName() + " " + m.getName() + "("
                        + types(m.getGenericParameterTypes()) + ")");
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add("  field " + (Modifier.isStatic(f.getModifiers()) ? "static " : "")
                        + f.getGenericType().getTypeName() + " " + f.getName());
            }
        }
        return List.copyOf(lines);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String types(Type[] types) {
        return Arrays.stream(types).map(Type::getTypeName).collect(Collectors.joining(", "));
    }
}
