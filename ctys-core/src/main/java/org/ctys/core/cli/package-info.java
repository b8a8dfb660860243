/** The ctys and ctys-setupVDE command lines (picocli); the only place that prints or picks an exit code. */
package org.ctys.core.cli;
