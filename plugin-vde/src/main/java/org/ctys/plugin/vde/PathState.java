package org.ctys.plugin.vde;

/**
 * A path on the target as the probe saw it.
 *
 * @param path the path
 * @param exists whether something is there
 * @param symlink whether it is a symbolic link (then nothing else is known: links are never followed)
 * @param uid its owner's number, -1 when unknown
 * @param owner its owner's name
 * @param mode its permission bits, in octal as stat prints them (e.g. {@code 2770})
 * @param type {@code directory}, {@code socket}, {@code regular file}, ...
 */
record PathState(String path, boolean exists, boolean symlink, int uid, String owner, String mode, String type) {

    /**
     * @param path the path
     * @param reported what the probe said: {@code none}, {@code symlink}, or stat's {@code %u %U %a %F}
     * @return the state
     */
    static PathState of(String path, String reported) {
        if (reported == null || reported.equals("none")) {
            return new PathState(path, false, false, -1, "", "", "");
        }
        if (reported.equals("symlink")) {
            return new PathState(path, true, true, -1, "", "", "symbolic link");
        }
        String[] fields = reported.split(" ", 4);
        if (fields.length < 4 || !fields[0].matches("[0-9]+")) {
            return new PathState(path, true, false, -1, "?", "?", "?");
        }
        return new PathState(path, true, false, Integer.parseInt(fields[0]), fields[1], fields[2], fields[3]);
    }

    /** @return whether group or others may write to it */
    boolean writableByOthers() {
        if (!mode.matches("[0-7]+")) {
            return true;
        }
        int bits = Integer.parseInt(mode, 8);
        return (bits & 0022) != 0;
    }

    /** @return whether others (not the owner, not the group) have any access */
    boolean openToOthers() {
        return !mode.matches("[0-7]+") || (Integer.parseInt(mode, 8) & 0007) != 0;
    }
}
