package io.scimitar.provisioner.entra;

import io.scimitar.provisioner.replay.PlannedChange.PlannedAction;

import java.time.Instant;
import java.util.Map;

/**
 * What starting a job against a target that already holds its users would do: of the users a dry run would create,
 * how many the job links to a target user with the same matching value instead (and of those, how many it then
 * updates), how many it really creates, and how many match several target users (DuplicateTargetEntries, as Entra),
 * counted over every user in scope against the job's target index.
 *
 * @param status          {@code COUNTED}, or why the figures are not there yet ({@link TakeOverStatus})
 * @param detail          what the status means here (how far the read is, why it failed); null when counted
 * @param targetUsers     users the target index holds (while reading: read so far)
 * @param targetReadAt    when the index counted against was read (null unless counted): a later change in the target
 *                        is not seen until the job reads it again
 * @param link            users linked to their target user, nothing to send
 * @param linkAndUpdate   users linked to their target user, then updated (a mapped value differs)
 * @param create          users no target user matches: created
 * @param duplicate       users several target users match: not provisioned until that is resolved
 * @param untouchedTarget target users none of the users to be created matches: left alone, as Entra leaves them (it
 *                        includes users the job has linked already)
 * @param dryRunCounts    the dry run's counts as it plans without the target (every unlinked user a create)
 * @param samples         a few users of each kind, for display (the counts are exact)
 * @param complete        true when every user in scope was counted
 */
public record TakeOverPreview(TakeOverStatus status, String detail, int targetUsers, Instant targetReadAt, int link,
        int linkAndUpdate, int create, int duplicate, int untouchedTarget, Map<PlannedAction, Integer> dryRunCounts,
        TakeOverSamples samples, boolean complete) {

    /** A preview that could not count (yet): {@code targetUsers} read so far. */
    static TakeOverPreview notCounted(TakeOverStatus status, int targetUsers, String detail) {
        return new TakeOverPreview(status, detail, targetUsers, null, 0, 0, 0, 0, 0, Map.of(), TakeOverSamples.NONE,
                false);
    }
}
