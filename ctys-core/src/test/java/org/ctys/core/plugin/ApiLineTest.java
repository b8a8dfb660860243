package org.ctys.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiLineTest {

    @Test
    void beforeOnePointZeroTheMinorVersionIsTheLine() {
        assertEquals("0.2", ApiLine.of("0.2.0"));
        assertEquals("1", ApiLine.of("1.4.0"));
        assertTrue(ApiLine.admits("0.2.7", ">=0.2.0"));
        assertFalse(ApiLine.admits("0.2.0", ">=0.1.0"));
        assertFalse(ApiLine.admits("0.2.0", "0.1.0"));
        assertTrue(ApiLine.admits("1.9.0", ">=1.2.0 & <2.0.0"));
        assertFalse(ApiLine.admits("2.0.0", ">=1.2.0"));
    }

    @Test
    void aPluginThatStatesNoVersionRunsOnAnyLine() {
        assertEquals(Optional.empty(), ApiLine.builtFor("*"));
        assertEquals(Optional.empty(), ApiLine.builtFor(null));
        assertTrue(ApiLine.admits("0.2.0", "*"));
    }
}
