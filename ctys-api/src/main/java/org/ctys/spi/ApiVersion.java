package org.ctys.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API. A plugin states the API it needs in its manifest ({@code Plugin-Requires}), and
 * core refuses plugins that need a newer one.
 *
 * @since 0.1
 */
public final class ApiVersion {

    private ApiVersion() {
    }

    /**
     * Returns the version of the API on the class path, e.g. {@code 0.1.0}.
     *
     * @return the version of the API on the class path, e.g. {@code 0.1.0}
     */
    public static String current() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("api-version.properties is missing from ctys-api");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
