package io.scimitar.provisioner.replay;

import java.time.Instant;

/**
 * How to restart a job. Whatever the options, the job applies each object's newest state of the replayed history once,
 * never an older state than one it already sent, and keeps every link.
 *
 * @param from the time to replay from; null replays the whole history
 * @param full true also checks every link against the target read at the job's start (Entra's "Full"): an object
 *             gone from the target is created again, an unlinked target object is matched
 * @param forceDeletes true lets the disables and deletes held by the deletion guard go out (Entra's ForceDeletes);
 *                     otherwise a restart drops them with every other escrowed change, and the replay decides again
 */
public record RestartRequest(Instant from, boolean full, boolean forceDeletes) {
}
