package io.scimitar.provisioner.consumer;

import java.util.Optional;

/**
 * A restart waiting on one partition of a job's consumer group, kept in the metadata of the group's committed offset
 * (so it is durable with the position it belongs to): the job applies the compacted view of the partition from the
 * committed offset up to {@code until} (exclusive) before it consumes, then commits {@code until}; {@code readBefore}
 * is where the job had read to before the restart (unreadable events from there on were never dead-lettered);
 * {@code full} also checks the job's links against the target it read at its start.
 */
public record RestartMarker(long until, long readBefore, boolean full) {

    private static final String PREFIX = "scimitar-restart;until=";
    private static final String READ = ";read=";
    private static final String FULL = ";full";

    /** The offset metadata that carries this marker. */
    public String metadata() {
        return PREFIX + until + READ + readBefore + (full ? FULL : "");
    }

    /** The marker in an offset's metadata, if it carries one. */
    public static Optional<RestartMarker> parse(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = metadata.substring(PREFIX.length());
        boolean full = rest.endsWith(FULL);
        if (full) {
            rest = rest.substring(0, rest.length() - FULL.length());
        }
        int read = rest.indexOf(READ);
        try {
            return read < 0 ? Optional.empty() : Optional.of(new RestartMarker(Long.parseLong(rest.substring(0, read)),
                    Long.parseLong(rest.substring(read + READ.length())), full));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
