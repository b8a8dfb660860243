package org.ctys.addressing;

import java.util.List;
import org.ctys.api.SyntaxException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The original's macro examples and the rules of MacroExpander. */
class MacroExpanderTest {

    private final MacroExpander macros = new MacroExpander(ResourceTables.macros());

    private List<String> expand(String... argv) {
        return macros.expand(List.of(argv)).stream().map(MacroExpander.Argument::text).toList();
    }

    @Test
    void a27SimpleMacro() {
        assertEquals(List.of("1_PM_15"), expand("MACRO:F_PM"));
    }

    @Test
    void a28MacroStandingForSeveralArguments() {
        assertEquals(List.of("-a", "list=tab_gen:3_label_10%%2_stype_8%%30_accel_5%%12_distro_12%%13_distrorel_15"
                + "%%14_os_10%%15_osrel_10%%1_PM_15%%33_if_7%%7_TCP_15"), expand("MACRO:listdefault"));
    }

    @Test
    void a29BracedNestedMacro() {
        assertEquals(List.of("-a", "enumerate=tab_gen:3_label_10%%2_stype_8%%19_VMstate_9%%14_os_10%%15_osrel_10"
                + "%%38_Arch_7%%41_VCPU_5%%40_VRAM_13"), expand("MACRO:enumhyper"));
    }

    @Test
    void a30TheFileIsFixedByTheOutermostMacro() {
        assertEquals(List.of("-a", "enumerate=b:ctys,sort,tab_gen:3_label_10%%2_stype_10"),
                expand("MACRO:test000%basetest"));
    }

    @Test
    void a31MacrosInsideValuesAndOptions() {
        assertEquals(List.of("-t", "QEMU", "-a", "list=tab_gen:3_label_10%%2_stype_8", "lab00"),
                expand("-t", "QEMU", "MACRO:LST", "lab00"));
    }

    @Test
    void a32UndefinedOptionalDuplicateAndSelfLoop() {
        SyntaxException undefined = assertThrows(SyntaxException.class, () -> expand("MACRO:UNDEFINED"));
        assertTrue(undefined.getMessage().startsWith("undefined macro UNDEFINED (not in default; add %OPTIONAL"),
                undefined.getMessage());
        assertEquals(List.of("h1"), expand("MACRO:UNDEFINED%OPTIONAL", "h1"));
        assertEquals("twice:3: macro A is defined twice (first on line 1) in 'A = 2'",
                assertThrows(SyntaxException.class, () -> expand("MACRO:A%twice")).getMessage());
        assertEquals("default:12: macro cycle: SELF -> SELF",
                assertThrows(SyntaxException.class, () -> expand("MACRO:SELF")).getMessage());
        assertEquals("default:14: macro cycle: LOOP1 -> LOOP2 -> LOOP1",
                assertThrows(SyntaxException.class, () -> expand("MACRO:LOOP1")).getMessage());
    }

    @Test
    void a33AContextAfterAMacroNameWorks() {
        assertEquals(List.of("h1", "h2(-d 1)", "grpA(-d 1)"), expand("MACRO:MYHOSTS(-d 1)"));
    }

    @Test
    void continuationLinesAndOriginsAreKept() {
        List<MacroExpander.Argument> arguments = macros.expand(List.of("-d", "1", "MACRO:MYHOSTS"));
        assertEquals(List.of("-d", "1", "h1", "h2(-d 1)", "grpA"),
                arguments.stream().map(MacroExpander.Argument::text).toList());
        assertEquals(List.of(), arguments.get(0).origin());
        assertEquals(List.of("MACRO:MYHOSTS"), arguments.get(3).origin());
    }

    @Test
    void evalIsRefusedAndMissingFilesAreExitTwo() {
        assertTrue(assertThrows(SyntaxException.class, () -> expand("MACRO:EVALME")).getMessage()
                .startsWith("%EVAL is not supported"));
        assertTrue(assertThrows(NotFoundException.class, () -> expand("MACRO:X%nosuchfile")).getMessage()
                .startsWith("no macro file 'nosuchfile' along "));
    }

    @Test
    void argumentsWithoutMacrosAreLeftAlone() {
        assertEquals(List.of("a b", "h(-d 1)"), expand("a b", "h(-d 1)"));
        assertEquals(false, MacroExpander.mentionsMacros(List.of("-t", "VDE")));
    }
}
