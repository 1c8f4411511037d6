package io.scimitar.assignment.importing;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length; a longer line is skipped to its end and reported as too long. The characters
 * are read a buffer at a time and scanned for line ends here (a {@code Reader.read()} per character takes the
 * reader's lock once a character: most of a bulk import's reading time).
 */
final class LineSource {

    static final String TOO_LONG = "\u0000too-long";

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long lineNumber;

    LineSource(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line without its terminator, {@link #TOO_LONG} for an overlong one, or null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean ended = false;
        boolean readAny = false;
        while (!ended) {
            if (position == limit && !fill()) {
                break;
            }
            readAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (position < limit) {
                position++; // the '\n'
                ended = true;
            }
            if (line.length() + length > maxLength) {
                tooLong = true;
                length = Math.max(0, maxLength - line.length());
            }
            line.append(buffer, start, length);
        }
        if (!readAny) {
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

    /** Reads the next characters into the buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
