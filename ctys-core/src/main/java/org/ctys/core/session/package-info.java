/** Session types built into core, loaded beside the plugins. */
package org.ctys.core.session;
