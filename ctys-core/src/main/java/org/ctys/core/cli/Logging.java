package org.ctys.core.cli;

import org.ctys.core.Invocation;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.Reporter;

/**
 * Sets up SLF4J's simple binding from {@code -d <level>} before the first logger exists: 0 warnings (the default),
 * 1 progress (plugins loaded, targets started and ended), 2 debug (every command run, with its exit status and
 * time), 3 and more everything, PF4J's class loading too. Messages go to standard error.
 */
final class Logging {

    /** The binding the distribution ships (slf4j-simple), named so that SLF4J need not look for one. */
    static final String PROVIDER = "org.slf4j.simple.SimpleServiceProvider";

    private static volatile boolean debugging;

    private Logging() {
    }

    static void configure(Invocation invocation, int level) {
        String ours = switch (Math.min(level, 3)) {
            case 0 -> "warn";
            case 1 -> "info";
            case 2 -> "debug";
            default -> "trace";
        };
        // named, SLF4J loads it at once instead of reading every jar's service files through ServiceLoader (10-15 ms
        // of a cold start); the note it prints then about having been told is for its own debugging
        System.setProperty(LoggerFactory.PROVIDER_PROPERTY_KEY, PROVIDER);
        System.setProperty(Reporter.SLF4J_INTERNAL_VERBOSITY_KEY, "WARN");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", ours);
        // PF4J reports every refused jar itself, and ctys reports them better: PF4J speaks only when debugging,
        // and its class-loading detail only at level 3
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", level >= 3 ? "debug" : level == 2 ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        debugging = level >= 2;
    }

    static boolean debugging() {
        return debugging;
    }
}
