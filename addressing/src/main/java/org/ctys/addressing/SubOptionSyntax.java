package org.ctys.addressing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.SyntaxException;

/**
 * The original ctys sub-option grammar ({@code -a create=l:vm1,cmd:uname%-a}), decoded strictly.
 *
 * <pre>
 * action-arg := action [ '=' sub-option { ',' sub-option } ]
 * sub-option := key [ ':' value ]
 * action     := letter { letter | digit | '_' | '-' }
 * key        := (letter | digit | '_') { letter | digit | '_' | '-' | '.' }
 * value      := { ',,' (a comma) | '::' (a colon) | '%%' (a percent sign) | '%' (a space)
 *               | '\' one of , : % \ space (that character) | any other character }
 * </pre>
 *
 * <p>Escapes pair from the left, so {@code ,,,} is a literal comma followed by a separator. Where the original
 * silently cut a value at its second colon, a single {@code :} inside a value is an error here, except
 * for a MAC address ({@code m:00:50:56:13:11:3c}), which is kept whole as the original does. {@link #format} writes
 * the canonical form, using {@code \%} for a literal percent sign so that every value survives a round trip (the
 * original's {@code %%%} was ambiguous).
 */
final class SubOptionSyntax {

    private static final Pattern ACTION = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private SubOptionSyntax() {
    }

    static ActionSpec parseAction(String text) {
        int equals = text.indexOf('=');
        String action = equals < 0 ? text : text.substring(0, equals);
        if (!ACTION.matcher(action).matches()) {
            throw new SyntaxException("expected an action name (a letter, then letters, digits, '_' or '-')",
                    text, firstMismatch(action, ACTION));
        }
        if (equals < 0) {
            return new ActionSpec(action.toUpperCase(Locale.ROOT), SubOptions.NONE);
        }
        if (equals == text.length() - 1) {
            throw new SyntaxException("expected sub-options after '='", text, equals);
        }
        return new ActionSpec(action.toUpperCase(Locale.ROOT), parseSubOptions(text, equals + 1));
    }

    /** Parses {@code text} from {@code start} to its end as a sub-option list; errors quote all of {@code text}. */
    static SubOptions parseSubOptions(String text, int start) {
        List<SubOption> items = new ArrayList<>();
        int segmentStart = start;
        int i = start;
        while (i <= text.length()) {
            if (i == text.length()) {
                items.add(parseOne(text, segmentStart, i));
                break;
            }
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i += 2;
            } else if (c == ',' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                i += 2;
            } else if (c == ',') {
                items.add(parseOne(text, segmentStart, i));
                segmentStart = ++i;
            } else {
                i++;
            }
        }
        return new SubOptions(items);
    }

    private static SubOption parseOne(String text, int start, int end) {
        if (start == end) {
            int separator = start < text.length() && text.charAt(start) == ',' ? start : start - 1;
            throw new SyntaxException("empty sub-option (write ',,' for a literal comma)", text, separator);
        }
        int colon = text.indexOf(':', start);
        int keyEnd = colon < 0 || colon > end ? end : colon;
        String key = text.substring(start, keyEnd);
        if (!KEY.matcher(key).matches()) {
            throw new SyntaxException("expected a sub-option key (letters, digits, '_', '-' or '.') before ':'",
                    text, start + firstMismatch(key, KEY));
        }
        if (keyEnd == end) {
            return new SubOption(key, null);
        }
        String raw = text.substring(keyEnd + 1, end);
        if (MAC.matcher(raw).matches()) {
            return new SubOption(key, raw);
        }
        return new SubOption(key, decodeValue(text, keyEnd + 1, end, key));
    }

    private static String decodeValue(String text, int start, int end, String key) {
        StringBuilder value = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            char next = i + 1 < end ? text.charAt(i + 1) : 0;
            if (c == '\\' && (next == ',' || next == ':' || next == '%' || next == '\\' || next == ' ')) {
                value.append(next);
                i += 2;
            } else if ((c == ',' || c == ':' || c == '%') && next == c) {
                value.append(c);
                i += 2;
            } else if (c == ':') {
                throw new SyntaxException("unescaped ':' in the value of '" + key
                        + "' (write '::' for a literal colon)", text, i);
            } else {
                value.append(c == '%' ? ' ' : c);
                i++;
            }
        }
        return value.toString();
    }

    static String format(SubOptions options) {
        StringBuilder text = new StringBuilder();
        for (SubOption option : options.items()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(option.key());
            if (option.value() != null) {
                text.append(':').append(encodeValue(option.value()));
            }
        }
        return text.toString();
    }

    static String encodeValue(String value) {
        StringBuilder text = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ',' -> text.append(",,");
                case ':' -> text.append("::");
                case '%' -> text.append("\\%");
                case '\\' -> text.append("\\\\");
                // two spaces as '%%' would read back as a percent sign, so a space after a space is '\ '
                case ' ' -> text.append(i > 0 && value.charAt(i - 1) == ' ' ? "\\ " : "%");
                default -> text.append(c);
            }
        }
        return text.toString();
    }

    private static int firstMismatch(String text, Pattern pattern) {
        for (int length = text.length(); length > 0; length--) {
            if (pattern.matcher(text.substring(0, length)).matches()) {
                return length;
            }
        }
        return 0;
    }
}
