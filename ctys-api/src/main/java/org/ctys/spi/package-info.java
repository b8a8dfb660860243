/** The contract a ctys plugin implements and the narrow context core hands to it. */
package org.ctys.spi;
