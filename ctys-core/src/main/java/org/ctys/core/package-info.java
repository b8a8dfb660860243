/** The composition root of ctys and the names shared by its packages. */
package org.ctys.core;
