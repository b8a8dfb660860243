package org.ctys.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What an action declares of its sub-options beyond its synopsis: value kinds and keys given once. */
class ActionDescriptorTest {

    private static final ActionDescriptor CREATE = new ActionDescriptor("CREATE",
            "create[=b:<bridge>][,addr:<address/prefix>][,n:<count>][,f]", "a test")
            .checking("B", ValueKind.INTERFACE).checking("addr", ValueKind.IPV4_PREFIX).once("b", "F");

    @Test
    void theSpecsCarryTheirKindsAndWhetherTheyRepeat() {
        List<SubOptionSpec> specs = CREATE.subOptions();
        assertEquals(ValueKind.INTERFACE, specs.get(0).kind());
        assertFalse(specs.get(0).repeatable());
        assertEquals(ValueKind.IPV4_PREFIX, specs.get(1).kind());
        assertTrue(specs.get(1).repeatable());
        assertEquals(ValueKind.ANY, specs.get(2).kind(), "undeclared: any value");
        assertNull(specs.get(3).kind(), "a flag has no value, so no kind");
        assertFalse(specs.get(3).repeatable());
        assertEquals(CREATE, new ActionDescriptor("create", CREATE.synopsis(), "a test", CREATE.kinds(),
                CREATE.single()));
    }

    @Test
    void aDeclarationMustNameASubOptionOfTheSynopsis() {
        ActionDescriptor plain = new ActionDescriptor("CREATE", "create[=b:<bridge>][,f]", "a test");
        assertThrows(IllegalArgumentException.class, () -> plain.checking("x", ValueKind.ANY));
        assertThrows(IllegalArgumentException.class, () -> plain.checking("f", ValueKind.ANY), "f is a flag");
        assertThrows(IllegalArgumentException.class, () -> plain.once("x"));
    }

    @Test
    void theKindsAcceptWhatTheySayAndNothingElse() {
        assertTrue(ValueKind.IPV4_PREFIX.accepts("10.0.0.1/24"));
        for (String bad : new String[] {"10.0.0.1", "10.0.0.256/24", "10.0.0.1/33", "a.b.c.d/1", ""}) {
            assertFalse(ValueKind.IPV4_PREFIX.accepts(bad), bad);
        }
        assertTrue(ValueKind.INTERFACE.accepts("ctysbr0"));
        assertFalse(ValueKind.INTERFACE.accepts("br;rm -rf"));
        assertFalse(ValueKind.INTERFACE.accepts("sixteen-chars-xx"));
        assertTrue(ValueKind.INTEGER.accepts("2147483647"));
        assertFalse(ValueKind.INTEGER.accepts("2147483648"));
        assertFalse(ValueKind.INTEGER.accepts("-1"));
        assertTrue(ValueKind.ABSOLUTE_PATH.accepts("/var/tmp/s"));
        assertFalse(ValueKind.ABSOLUTE_PATH.accepts("/var/../etc"));
        assertFalse(ValueKind.ABSOLUTE_PATH.accepts("var/tmp"));
        assertTrue(ValueKind.MAC.accepts("52:54:00:AB:cd:01"));
        assertFalse(ValueKind.MAC.accepts("52:54:00:ab:cd"));
        assertFalse(ValueKind.ANY.accepts(null));
    }
}
