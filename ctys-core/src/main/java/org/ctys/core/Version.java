package org.ctys.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of ctys, filtered into a resource at build time. */
public final class Version {

    private Version() {
    }

    /** @return the ctys version, e.g. {@code 0.1.0} */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param face the command's name, {@code ctys} or {@code ctys-setupVDE}
     * @param terse whether only the bare version is wanted ({@code -X -V})
     * @return what {@code -V} prints
     */
    public static String line(String face, boolean terse) {
        return terse ? current() : face + " " + current() + " (plugin API " + org.ctys.spi.ApiVersion.current()
                + ", Java " + Runtime.version() + ")";
    }
}
