/** Carrying one action to many targets and collecting every outcome. */
package org.ctys.core.dispatch;
