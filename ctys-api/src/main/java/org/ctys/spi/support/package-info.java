/** Base classes that spare plugin authors the boilerplate of the SPI. */
package org.ctys.spi.support;
