/**
 * The resident server (the default; {@code CTYS_SERVER=0} turns it off): one JVM per user and network namespace
 * that keeps ctys loaded and does the commands the launcher's shell or short-lived JVM hands it, so that a command
 * pays for loading ctys once, not every time.
 */
package org.ctys.core.server;
