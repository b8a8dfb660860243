package org.ctys.api;

import java.util.List;
import java.util.Objects;

/**
 * What a plugin action produced on one target: a one-line message and zero or more records that core renders as
 * a table, terse {@code ;}-separated lines or JSON. Each record is a Java record of a public type; its components
 * are the columns, in order, named as {@link Columns} reads them:
 * <pre>{@code
 * public record Greeting(String greeting, String hostname) { }
 * return ActionResult.unchanged("greeted", List.of(new Greeting("hello", host)));
 * }</pre>
 *
 * @param message a one-line summary, never {@code null} (may be empty)
 * @param records rows, records of one public type each; their components are strings, numbers, booleans,
 *                {@code null} or lists of these
 * @param changed whether the action changed something on the target (a create that found everything in place
 *                did not)
 * @param warnings one line each that the user must see even when only the records are shown, e.g. that a KVM guest
 *                 runs on TCG; core prints them on standard error with the target's name
 * @param document text that is the output itself, such as a graph in a language other tools read, or {@code null}:
 *                 core prints it as it is on standard output instead of a table, and puts it under
 *                 {@code "document"} in JSON
 * @since 0.1
 */
public record ActionResult(String message, List<? extends Record> records, boolean changed,
                           List<String> warnings, String document) {

    /**
     * Copies the records and checks that core can print them.
     *
     * @param message a one-line summary, never {@code null} (may be empty)
     * @param records rows, records of one public type each; their components are strings, numbers, booleans,
     *                {@code null} or lists of these
     * @param changed whether the action changed something on the target (a create that found everything in place did
     *                not)
     * @param warnings one line each that the user must see even when only the records are shown, e.g. that a KVM guest
     *                 runs on TCG; core prints them on standard error with the target's name
     * @param document text that is the output itself, printed as it is, or {@code null}
     * @throws IllegalArgumentException when a record is of a type that is not public or holds another kind of value
     */
    public ActionResult {
        Objects.requireNonNull(message, "message");
        records = List.copyOf(records);
        records.forEach(Columns::of);
        warnings = List.copyOf(warnings);
    }

    /**
     * A result without a document.
     *
     * @param message a one-line summary
     * @param records rows with the same columns
     * @param changed whether the action changed something on the target
     * @param warnings one line each that the user must see
     */
    public ActionResult(String message, List<? extends Record> records, boolean changed, List<String> warnings) {
        this(message, records, changed, warnings, null);
    }

    /**
     * A result without warnings.
     *
     * @param message a one-line summary
     * @param records rows with the same columns
     * @param changed whether the action changed something on the target
     */
    public ActionResult(String message, List<? extends Record> records, boolean changed) {
        this(message, records, changed, List.of());
    }

    /**
     * Returns the records as the type the action makes, for callers that know it (a plugin's tests, a caller of
     * another plugin's action).
     *
     * @param type the records' type, or an interface they implement
     * @param <T> the records' type
     * @return the records, each cast to {@code type}
     * @throws ClassCastException when a record is of another type
     */
    public <T> List<T> records(Class<T> type) {
        return records.stream().map(type::cast).toList();
    }

    /**
     * Returns this result with the warning added.
     *
     * @param warning one line the user must see
     * @return this result with the warning added
     */
    public ActionResult withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new ActionResult(message, records, changed, all, document);
    }

    /**
     * Returns a result that changed nothing.
     *
     * @param message a one-line summary
     * @param records rows with the same columns
     * @return a result that changed nothing
     */
    public static ActionResult unchanged(String message, List<? extends Record> records) {
        return new ActionResult(message, records, false);
    }

    /**
     * Returns a result that changed something on the target.
     *
     * @param message a one-line summary
     * @param records rows with the same columns
     * @return a result that changed something on the target
     */
    public static ActionResult changed(String message, List<? extends Record> records) {
        return new ActionResult(message, records, true);
    }

    /**
     * Returns a result whose output is a document printed as it is, that changed nothing.
     *
     * @param message a one-line summary, shown in JSON
     * @param document the text, e.g. a Graphviz graph; it should end with a line break
     * @return a result whose output is the document
     */
    public static ActionResult document(String message, String document) {
        return new ActionResult(message, List.of(), false, List.of(), Objects.requireNonNull(document, "document"));
    }

    /**
     * Returns a result with no records that changed nothing.
     *
     * @param message a one-line summary
     * @return a result with no records that changed nothing
     */
    public static ActionResult of(String message) {
        return new ActionResult(message, List.of(), false);
    }
}
