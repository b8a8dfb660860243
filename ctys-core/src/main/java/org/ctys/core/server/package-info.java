/**
 * The resident server ({@code CTYS_SERVER=1}): one JVM per user that keeps ctys loaded and does the commands the
 * launcher's short-lived JVM hands it, so that a command pays for a JVM start but not for loading ctys again.
 */
package org.ctys.core.server;
