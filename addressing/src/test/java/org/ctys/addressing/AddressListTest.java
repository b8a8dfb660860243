package org.ctys.addressing;

import java.util.List;
import org.ctys.api.SyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressListTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "host", "user@host", "host:22", "user@host:2222", "[::1]:22", "fe80::1", "10.0.0.1:22", "@grp",
        "root@@grp", "desktops/tst/ctys-lab", "lab[01-20]", "node[1-3,7]", "{h1,h2}", "localhost",
        "h(-d 1 -Z SUDO)", "h(-a 'create=l:x y,cmd:a%b')", "h(-a 'it'\\''s (here) @ x:y,z')", "(-d 3) h1 h2(-d 1)",
        "h(-M '\"quoted\"')", "h(-f -X)",
    })
    void parseThenPrintGivesTheSameList(String text) {
        AddressList list = AddressList.parse(List.of(text));
        assertEquals(list, AddressList.parse(List.of(list.toString())));
        assertEquals(text.replace("(-d 3) h1", "(-d 3) h1"), list.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "h1,,h2|expected a target before ',' in 'h1,,h2' at column 4",
        "h1,|expected a target after ',' in 'h1,' at column 3",
        "lab:99999|expected a port number 1-65535 in 'lab:99999' at column 5",
        "a:b@h|expected a user name before '@' in 'a:b@h' at column 1",
        "h(-q)|unknown context option -q (known: -aAbdDcCFgHijklLMoOprsStTuWxzZ with a value, -EfhnvVwXyY without) "
                + "in 'h(-q)' at column 3",
        "h(-d)|option -d needs a value in 'h(-d)' at column 3",
        "h(-d 1|expected ')' closing the context options in 'h(-d 1' at column 2",
        "h(x)|expected a context option such as -d <level> or -Z SUDO, not 'x' in 'h(x)' at column 3",
        "h(-d 1)(-d 2)|context options '(...)' must follow a target, or open the target list as its global context "
                + "in 'h(-d 1)(-d 2)' at column 8",
        "lab[5-1]|range 5-1 runs backwards in 'lab[5-1]' at column 5",
        "lab[1-2|expected ']' closing the host range in 'lab[1-2' at column 4",
        "n[1-5/0]|range 1-5/0 has step 0; a step is 1 or more in 'n[1-5/0]' at column 3",
        "n[1,01-100]|range 01-100 mixes widths; write both bounds zero-padded to the same width in 'n[1,01-100]' "
                + "at column 5",
        "n[1/2]|expected numbers, ranges and steps like 1-3,7,10-20/5 inside '[...]' in 'n[1/2]' at column 3",
        "lab/n[1-2]|a group name has no ranges in 'lab/n[1-2]' at column 1",
        "../etc/passwd|expected a host or group name (letters, digits, '.', '-', '_', '/', ranges like [01-20]) in "
                + "'../etc/passwd' at column 1",
        "a/../b|expected a group path relative to the group directories, without '.', '..' or empty parts in "
                + "'a/../b' at column 1",
        "h(-a 'x)|unclosed quote in context options in 'h(-a 'x)' at column 6",
        "u@|expected a host after '@' in 'u@' at column 3",
    })
    void badInputNamesTheColumn(String text, String message) {
        assertEquals(message, assertThrows(SyntaxException.class, () -> AddressList.parse(List.of(text)))
                .getMessage());
    }

    @org.junit.jupiter.api.Test
    void theGlobalContextMustComeFirst() {
        assertThrows(SyntaxException.class, () -> AddressList.parse(List.of("h1", "(-d 1)")));
        assertEquals("-d 1", AddressList.parse(List.of("(-d 1)", "h1")).global().toString());
    }
}
