/** Values that ctys core and plugins share: targets, requests, results and the exception root. */
package org.ctys.api;
