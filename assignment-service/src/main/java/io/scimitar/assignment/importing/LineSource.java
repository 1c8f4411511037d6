package io.scimitar.assignment.importing;

import java.io.IOException;
import java.io.Reader;

/** Reads lines of at most a given length; a longer line is skipped to its end and reported as too long. */
final class LineSource {

    static final String TOO_LONG = "\u0000too-long";

    private final Reader in;
    private final int maxLength;
    private long lineNumber;

    LineSource(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its terminator, {@link #TOO_LONG} for an overlong one, or null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (line.length() >= maxLength) {
                tooLong = true;
            } else {
                line.append((char) c);
            }
        }
        if (c == -1 && line.isEmpty() && !tooLong) {
            return null;
        }
        lineNumber++;
        if (tooLong) {
            return TOO_LONG;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        return line.toString();
    }

    long lineNumber() {
        return lineNumber;
    }
}
