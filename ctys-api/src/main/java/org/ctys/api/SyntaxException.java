package org.ctys.api;


/**
 * Input that does not follow the address language: a bad target, context option, sub-option, group line or macro
 * definition, a cycle of groups or macros, or an undefined macro. The message quotes the input and names where the
 * problem is: the column (1-based) on the command line, or {@code file:line} in a group or macro file.
 *
 * @since 0.1
 */
public final class SyntaxException extends UsageException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int column;

    private SyntaxException(String message, int column, String input) {
        super(message);
        this.input = input;
        this.column = column;
    }

    /**
     * Creates an error at a position of the input.
     *
     * @param what what was wrong and what was expected, e.g. {@code "empty sub-option"}
     * @param input the whole input, quoted in the message
     * @param index the 0-based position of the problem in {@code input}
     */
    public SyntaxException(String what, String input, int index) {
        this(what + " in '" + input + "' at column " + (index + 1), index + 1, input);
    }

    /**
     * Returns an error in a line of a file.
     *
     * @param file the group or macro file
     * @param line the 1-based line number
     * @param what what was wrong and what was expected
     * @param text the offending line, quoted in the message
     * @return an error that names {@code file:line}
     */
    public static SyntaxException inFile(String file, int line, String what, String text) {
        return new SyntaxException(file + ":" + line + ": " + what + " in '" + text.strip() + "'", 0, text);
    }

    /**
     * Returns an error with a message of its own.
     *
     * @param message a complete one-line message, e.g. naming a cycle and its chain
     * @return an error with no single position
     */
    public static SyntaxException of(String message) {
        return new SyntaxException(message, 0, "");
    }

    /**
     * Returns the input that failed to parse.
     *
     * @return the input that failed to parse
     */
    public String input() {
        return input;
    }

    /**
     * Returns the 1-based column of the problem.
     *
     * @return the 1-based column of the problem, or 0 when it has no single column
     */
    public int column() {
        return column;
    }
}
