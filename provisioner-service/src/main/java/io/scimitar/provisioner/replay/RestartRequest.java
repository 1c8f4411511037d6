package io.scimitar.provisioner.replay;

import java.time.Instant;

/**
 * How to restart a job.
 *
 * @param from the time to replay from; null replays the whole history
 * @param full true also forgets every link, so each object is matched against the target again (Entra's "Full")
 * @param forceDeletes true lets the disables and deletes held by the deletion guard go out (Entra's ForceDeletes);
 *                     otherwise a restart drops them with every other escrowed change, and the replay decides again
 */
public record RestartRequest(Instant from, boolean full, boolean forceDeletes) {
}
