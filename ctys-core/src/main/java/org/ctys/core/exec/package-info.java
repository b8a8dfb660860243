/** Command runners: local processes and the system OpenSSH client. */
package org.ctys.core.exec;
