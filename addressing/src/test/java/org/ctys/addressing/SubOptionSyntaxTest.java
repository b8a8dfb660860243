package org.ctys.addressing;

import java.util.List;
import org.ctys.api.SubOption;
import org.ctys.api.SubOptions;
import org.ctys.api.SyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SubOptionSyntaxTest {

    private static List<SubOption> items(String text) {
        return ActionSpec.parse(text).subOptions().items();
    }

    @Test
    void a05DecodesPercentAsSpace() {
        ActionSpec spec = ActionSpec.parse("create=l:test,cmd:uname%-a");
        assertEquals("CREATE", spec.action());
        assertEquals("test", spec.subOptions().value("L").orElseThrow());
        assertEquals("uname -a", spec.subOptions().value("cmd").orElseThrow());
    }

    @Test
    void a11KeepsRepeatedKeysInOrder() {
        SubOptions options = ActionSpec.parse("cancel=l:tst000,l:tst001,l:tst002").subOptions();
        assertEquals(List.of("tst000", "tst001", "tst002"), options.values("l"));
    }

    @Test
    void a12MixesValuesAndFlags() {
        assertEquals(List.of(new SubOption("l", "tstx11"), new SubOption("cmd", "xterm"),
                new SubOption("c", "bash -i"), new SubOption("sh", null)),
                items("create=l:tstx11,cmd:xterm,c:bash%-i,sh"));
    }

    @Test
    void a21KeepsMacAddressesWhole() {
        assertEquals(List.of(new SubOption("m", "00:50:56:13:11:3c"), new SubOption("l", "x")),
                items("create=m:00:50:56:13:11:3c,l:x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x=cmd:a::b|a:b",
        "x=cmd:a%%b|a%b",
        "x=cmd:a%b%c|a b c",
        "x=cmd:a,,b|a,b",
        "x=cmd:a\\,b\\:c\\%d\\\\e|a,b:c%d\\e",
        "x=cmd:a\\b|a\\b",
        "x=cmd:,,,,|,,",
    })
    void a22DecodesEscapes(String text, String value) {
        assertEquals(value, ActionSpec.parse(text).subOptions().value("cmd").orElseThrow());
    }

    @Test
    void a23CorrectFormCarriesANestedCommandLine() {
        ActionSpec spec = ActionSpec.parse("create=l:hop0,cmd:ctys%-t%cli%-a%create=l::hop1,,cmd::xterm%lab00");
        assertEquals("ctys -t cli -a create=l:hop1,cmd:xterm lab00", spec.subOptions().value("cmd").orElseThrow());
        assertEquals("CREATE=l:hop1,cmd:xterm", ActionSpec.parse("create=l:hop1,cmd:xterm").toString());
    }

    @Test
    void a23BrokenFormIsAnErrorNotASilentCut() {
        SyntaxException e = assertThrows(SyntaxException.class,
                () -> ActionSpec.parse("create=l:hop0cmd:ctys%-t%cli"));
        assertEquals("unescaped ':' in the value of 'l' (write '::' for a literal colon) in "
                + "'create=l:hop0cmd:ctys%-t%cli' at column 17", e.getMessage());
    }

    @Test
    void trailingAndDoubledSeparatorsAreErrorsWithColumns() {
        assertEquals(17, assertThrows(SyntaxException.class, () -> ActionSpec.parse("create=l:a,cmd:b,")).column());
        assertEquals(8, assertThrows(SyntaxException.class, () -> ActionSpec.parse("create=,l:a")).column());
        assertEquals(7, assertThrows(SyntaxException.class, () -> ActionSpec.parse("create=")).column());
        assertEquals(8, assertThrows(SyntaxException.class, () -> ActionSpec.parse("create=:x")).column());
        assertEquals(9, assertThrows(SyntaxException.class, () -> ActionSpec.parse("create=l(:x")).column());
    }

    @Test
    void actionNamesAreCheckedAndUpperCased() {
        assertEquals("INFO", ActionSpec.parse("info").action());
        assertEquals(4, assertThrows(SyntaxException.class, () -> ActionSpec.parse("inf o")).column());
        assertEquals(1, assertThrows(SyntaxException.class, () -> ActionSpec.parse("=x")).column());
        assertEquals(1, assertThrows(SyntaxException.class, () -> ActionSpec.parse("")).column());
    }
}
