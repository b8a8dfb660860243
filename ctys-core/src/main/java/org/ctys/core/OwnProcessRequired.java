package org.ctys.core;

/**
 * A command the resident server cannot do for a client (see {@link Invocation#requireOwnProcess}); the client runs
 * it in its own process instead. Not an error the user sees.
 */
public final class OwnProcessRequired extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param why what needs a process of its own */
    public OwnProcessRequired(String why) {
        super(why, null, false, false);
    }
}
