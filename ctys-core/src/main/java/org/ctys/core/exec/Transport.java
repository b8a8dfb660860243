package org.ctys.core.exec;

import java.util.List;

/** How a command line reaches a target: as it is on this machine, or through ssh. */
public interface Transport {

    /**
     * @param targetArgv the argv to run on the target
     * @return the local command line that runs it there
     */
    List<String> commandLine(List<String> targetArgv);

    /** @return whether commands run on this machine */
    boolean local();

    /** The local machine. */
    Transport LOCAL = new Transport() {
        @Override
        public List<String> commandLine(List<String> targetArgv) {
            return targetArgv;
        }

        @Override
        public boolean local() {
            return true;
        }
    };
}
