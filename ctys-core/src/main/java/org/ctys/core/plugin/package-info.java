/** Finding, vetting and loading plugin jars with PF4J. */
package org.ctys.core.plugin;
