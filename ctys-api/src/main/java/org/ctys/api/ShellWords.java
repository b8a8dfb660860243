package org.ctys.api;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one quoting of words for a POSIX shell: a word of characters no shell treats specially stays as it is, any
 * other is single-quoted, so that nothing in it is ever expanded or split. Context options are written this way,
 * and core writes every command line for a target's shell this way.
 */
public final class ShellWords {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%^-]+");

    private ShellWords() {
    }

    /**
     * Quotes one word.
     *
     * @param word any text
     * @return the word as a shell reads it back exactly
     */
    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Quotes words and joins them into one line.
     *
     * @param words words, e.g. a program and its arguments
     * @return them quoted, separated by spaces: a line a shell splits back into exactly {@code words}
     */
    public static String join(List<String> words) {
        return String.join(" ", words.stream().map(ShellWords::quote).toList());
    }
}
