/** Commands as argv lists, their results, and the runner that executes them on a target. */
package org.ctys.api.exec;
