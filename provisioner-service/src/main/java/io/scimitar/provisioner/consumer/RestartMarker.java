package io.scimitar.provisioner.consumer;

import java.util.Optional;

/**
 * A restart waiting on one partition of a job's consumer group, kept in the metadata of the group's committed offset
 * (so it is durable with the position it belongs to): the job applies the compacted view of the partition from the
 * committed offset up to {@code until} (exclusive) before it consumes, then commits {@code until}; {@code readBefore}
 * is where the job had read to before the restart (unreadable events from there on were never dead-lettered);
 * {@code full} asks for the job's links to be checked against the target it read at its start (cleared once that is
 * done); {@code usersApplied} says that the restart's user pass is done on every partition, so that only its group pass
 * remains.
 */
public record RestartMarker(long until, long readBefore, boolean full, boolean usersApplied) {

    private static final String PREFIX = "scimitar-restart;until=";
    private static final String READ = "read=";
    private static final String FULL = "full";
    private static final String USERS_APPLIED = "users-applied";

    /** A new restart: the check against the target (when {@code full}) and both passes still to do. */
    public RestartMarker(long until, long readBefore, boolean full) {
        this(until, readBefore, full, false);
    }

    /** The same restart once its links were checked against the target. */
    RestartMarker checked() {
        return new RestartMarker(until, readBefore, false, usersApplied);
    }

    /** The same restart once the newest state of every user was applied. */
    RestartMarker withUsersApplied() {
        return new RestartMarker(until, readBefore, full, true);
    }

    /** The offset metadata that carries this marker. */
    public String metadata() {
        return PREFIX + until + ";" + READ + readBefore + (full ? ";" + FULL : "")
                + (usersApplied ? ";" + USERS_APPLIED : "");
    }

    /** The marker in an offset's metadata, if it carries one. */
    public static Optional<RestartMarker> parse(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] fields = metadata.substring(PREFIX.length()).split(";");
        if (fields.length < 2 || !fields[1].startsWith(READ)) {
            return Optional.empty();
        }
        boolean full = false;
        boolean usersApplied = false;
        for (int i = 2; i < fields.length; i++) {
            full |= fields[i].equals(FULL);
            usersApplied |= fields[i].equals(USERS_APPLIED);
        }
        try {
            return Optional.of(new RestartMarker(Long.parseLong(fields[0]),
                    Long.parseLong(fields[1].substring(READ.length())), full, usersApplied));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
