/** Parsing of the ctys address language: targets and action sub-options, with positions in every error. */
package org.ctys.addressing;
