package org.ctys.addressing;

import org.ctys.api.UsageException;

/**
 * Input that does not follow the address or sub-option grammar. The message quotes the input and names the
 * column (1-based) where the problem is.
 *
 * @since 0.1
 */
public final class SyntaxException extends UsageException {
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int column;

    /**
     * @param what what was wrong and what was expected, e.g. {@code "empty sub-option"}
     * @param input the whole input, quoted in the message
     * @param index the 0-based position of the problem in {@code input}
     */
    public SyntaxException(String what, String input, int index) {
        super(what + " in '" + input + "' at column " + (index + 1));
        this.input = input;
        this.column = index + 1;
    }

    /** @return the input that failed to parse */
    public String input() {
        return input;
    }

    /** @return the 1-based column of the problem */
    public int column() {
        return column;
    }
}
