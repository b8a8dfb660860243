package org.ctys.plugin.lab;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cable does to its traffic, in each direction: a delay with jitter, a share of packets lost, a rate limit,
 * written in the units {@code tc netem} reads and carried out by VDE's {@code wirefilter}. Values keep the units
 * the lab file wrote.
 *
 * @param delay the delay, e.g. {@code 20ms}, or {@code null}
 * @param jitter the jitter of the delay, e.g. {@code 5ms}, or {@code null}; only with a delay
 * @param loss the share of packets lost, e.g. {@code 1%}, or {@code null}
 * @param rate the rate limit, e.g. {@code 10mbit}, or {@code null}
 */
record LinkEmulation(String delay, String jitter, String loss, String rate) {

    /** A cable that passes traffic as it is. */
    static final LinkEmulation NONE = new LinkEmulation(null, null, null, null);

    private static final Pattern TIME = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(us|ms|s)");
    private static final Pattern LOSS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%");
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(bit|kbit|mbit|gbit)");
    private static final BigDecimal HOUR_IN_SECONDS = BigDecimal.valueOf(3600);

    /** @return whether the cable changes nothing */
    boolean none() {
        return delay == null && loss == null && rate == null;
    }

    /**
     * @return the options of VDE's {@code wirefilter} for it: {@code -d} in milliseconds ({@code delay+jitter}),
     *     {@code -l} in percent, {@code -b} in bytes a second
     */
    List<String> wirefilter() {
        List<String> words = new ArrayList<>();
        if (delay != null) {
            words.add("-d");
            words.add(jitter == null ? millis(delay) : millis(delay) + "+" + millis(jitter));
        }
        if (loss != null) {
            words.add("-l");
            words.add(loss.substring(0, loss.length() - 1));
        }
        if (rate != null) {
            Matcher m = RATE.matcher(rate.toLowerCase(Locale.ROOT));
            m.matches();
            int power = switch (m.group(2)) {
                case "kbit" -> 3;
                case "mbit" -> 6;
                case "gbit" -> 9;
                default -> 0;
            };
            BigDecimal bytes = new BigDecimal(m.group(1)).movePointRight(power).divide(BigDecimal.valueOf(8));
            words.add("-b");
            words.add(bytes.setScale(0, java.math.RoundingMode.UP).max(BigDecimal.ONE).toPlainString());
        }
        return words;
    }

    private static String millis(String time) {
        Matcher m = TIME.matcher(time.toLowerCase(Locale.ROOT));
        m.matches();
        BigDecimal value = new BigDecimal(m.group(1)).movePointRight(switch (m.group(2)) {
            case "us" -> -3;
            case "ms" -> 0;
            default -> 3;
        });
        return value.stripTrailingZeros().toPlainString();
    }

    /** @return the values as a short label, e.g. {@code 20ms±5ms 1% 10mbit}; empty for none */
    String label() {
        List<String> parts = new ArrayList<>();
        if (delay != null) {
            parts.add(jitter == null ? delay : delay + "±" + jitter);
        }
        if (loss != null) {
            parts.add(loss);
        }
        if (rate != null) {
            parts.add(rate);
        }
        return String.join(" ", parts);
    }

    /**
     * @param text a time as written, e.g. {@code 20ms}
     * @return why it is not a delay netem takes (a number with us, ms or s, at most an hour), or {@code null}
     */
    static String timeProblem(String text) {
        Matcher m = TIME.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return "expected a time such as 20ms, 500us or 1.5s";
        }
        BigDecimal seconds = new BigDecimal(m.group(1)).movePointLeft(switch (m.group(2)) {
            case "us" -> 6;
            case "ms" -> 3;
            default -> 0;
        });
        return seconds.compareTo(HOUR_IN_SECONDS) > 0 ? "expected at most an hour" : null;
    }

    /**
     * @param text a loss as written, e.g. {@code 1%}
     * @return why it is not a share of packets (a percentage from 0 to 100), or {@code null}
     */
    static String lossProblem(String text) {
        Matcher m = LOSS.matcher(text);
        if (!m.matches()) {
            return "expected a percentage such as 1% or 0.5%";
        }
        return new BigDecimal(m.group(1)).compareTo(BigDecimal.valueOf(100)) > 0 ? "expected at most 100%" : null;
    }

    /**
     * @param text a rate as written, e.g. {@code 10mbit}
     * @return why it is not a rate (a positive number with bit, kbit, mbit or gbit), or {@code null}
     */
    static String rateProblem(String text) {
        Matcher m = RATE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return "expected a rate such as 10mbit, 512kbit or 1gbit";
        }
        return new BigDecimal(m.group(1)).signum() == 0 ? "expected a rate above 0" : null;
    }
}
