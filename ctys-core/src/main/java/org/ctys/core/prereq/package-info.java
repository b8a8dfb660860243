/** Checking plugin prerequisites on targets in one round trip each. */
package org.ctys.core.prereq;
