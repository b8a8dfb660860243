/** The configuration file and the keys it may hold. */
package org.ctys.core.config;
