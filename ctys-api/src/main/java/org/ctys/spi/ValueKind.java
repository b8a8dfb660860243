package org.ctys.spi;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the value of a sub-option must be. An action declares it per key
 * ({@link ActionDescriptor#checking(String, ValueKind)}); core checks every given value once per run, before
 * anything runs on any target, and refuses a wrong one in one line quoting the key and the value and saying what
 * was expected. What a valid value means on a target (does the bridge exist?) stays the plugin's to find out.
 *
 * @param description what a valid value is, with an example, e.g. {@code an IPv4 address, e.g. 10.0.0.1}
 * @param test whether a value is valid; never given {@code null}
 * @since 0.1
 */
public record ValueKind(String description, Predicate<String> test) {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final String IPV4_TEXT = OCTET + "(\\." + OCTET + "){3}";

    /** Anything: the default of every sub-option that takes a value. */
    public static final ValueKind ANY = of("any value", value -> true);
    /** A whole number from 0 to 2^31-1, e.g. {@code 30}. */
    public static final ValueKind INTEGER = of("a whole number, e.g. 30", value -> value.matches("[0-9]{1,10}")
            && Long.parseLong(value) <= Integer.MAX_VALUE);
    /** A network interface or bridge name as Linux takes it: 1-15 of letters, digits, '_', '.', '-'. */
    public static final ValueKind INTERFACE = matching("an interface name of 1-15 letters, digits, '_', '.' or '-', "
            + "e.g. br0", "[A-Za-z0-9_.-]{1,15}");
    /** A user or group name as useradd takes it, e.g. {@code alice}. */
    public static final ValueKind USER = matching("a user or group name, e.g. alice", "[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    /** An IPv4 address, e.g. {@code 10.0.0.1}. */
    public static final ValueKind IPV4 = matching("an IPv4 address, e.g. 10.0.0.1", IPV4_TEXT);
    /** An IPv4 address with a prefix length, e.g. {@code 10.0.0.1/24}. */
    public static final ValueKind IPV4_PREFIX = matching("an IPv4 address with a prefix length, e.g. 10.0.0.1/24",
            IPV4_TEXT + "/([0-9]|[12][0-9]|3[0-2])");
    /** A MAC address, e.g. {@code 52:54:00:12:34:56}. */
    public static final ValueKind MAC = matching("a MAC address, e.g. 52:54:00:12:34:56",
            "[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    /** An absolute path without {@code ..} parts, e.g. {@code /var/tmp/sock}. */
    public static final ValueKind ABSOLUTE_PATH = of("an absolute path without '..', e.g. /var/tmp/sock",
            value -> value.startsWith("/") && !("/" + value + "/").contains("/../") && value.indexOf('\0') < 0);

    /**
     * Validates.
     *
     * @param description what a valid value is, with an example
     * @param test whether a value is valid
     */
    public ValueKind {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Returns a kind of its own, for values no constant describes.
     *
     * @param description what a valid value is, with an example, e.g. {@code a range of IPv4 addresses, e.g.
     *     10.0.0.10-10.0.0.20}
     * @param test whether a value is valid
     * @return the kind
     */
    public static ValueKind of(String description, Predicate<String> test) {
        return new ValueKind(description, test);
    }

    /**
     * Returns a kind whose values match a regular expression as a whole.
     *
     * @param description what a valid value is, with an example
     * @param regex the expression a valid value matches
     * @return the kind
     */
    public static ValueKind matching(String description, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new ValueKind(description, value -> pattern.matcher(value).matches());
    }

    /**
     * Returns whether {@code value} is one of this kind.
     *
     * @param value a sub-option's value, decoded
     * @return whether it is valid
     */
    public boolean accepts(String value) {
        return value != null && test.test(value);
    }

    /** @return the description */
    @Override
    public String toString() {
        return description;
    }
}
