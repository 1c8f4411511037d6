package io.scimitar.assignment.importing;

import java.io.IOException;

/** Reads the rows of a bulk request one at a time, so that a request of any length needs little memory. */
public interface RowReader {

    /** The next row, or null at the end. */
    ImportRow next() throws IOException;
}
