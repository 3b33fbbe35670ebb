package org.beaconwatch.io;

import java.io.IOException;

/** A record (or a whole input) that cannot be read; names the file, the 1-based line and the reason. */
public class MalformedRecordException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String reason;

    /**
     * @param file   the input file as the user named it
     * @param line   1-based line number, or 0 when the problem concerns the whole file
     * @param reason short plain-language reason, no trailing period
     */
    public MalformedRecordException(String file, long line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
