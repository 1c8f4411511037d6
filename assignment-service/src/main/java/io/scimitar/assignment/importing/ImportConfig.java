package io.scimitar.assignment.importing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the bulk import. */
@ConfigMapping(prefix = "scimitar.assignment.import")
public interface ImportConfig {

    /** The largest bulk request body in bytes; larger ones are refused (413) before anything is read. */
    @WithDefault("67108864")
    long maxBytes();

    /** The longest single row in characters. */
    @WithDefault("65536")
    int maxRowLength();

    /** Rows per database transaction (and per set-based statement): each row still succeeds or fails on its own. */
    @WithDefault("1000")
    int batchSize();
}
