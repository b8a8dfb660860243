/** Rendering of records as human tables, terse {@code ;}-separated lines, or JSON. */
package org.ctys.core.output;
