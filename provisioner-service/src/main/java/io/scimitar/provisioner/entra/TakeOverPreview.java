package io.scimitar.provisioner.entra;

import io.scimitar.provisioner.replay.PlannedChange.PlannedAction;

import java.util.Map;

/**
 * What starting a job against a target that already holds its users would do: of the users a dry run would create,
 * how many the job links to a target user with the same matching value instead (and of those, how many it then
 * updates), how many it really creates, and how many match several target users (DuplicateTargetEntries, as Entra).
 *
 * @param targetUsers       users the target holds (read once, in pages)
 * @param link              users linked to their target user, nothing to send
 * @param linkAndUpdate     users linked to their target user, then updated (a mapped value differs)
 * @param create            users no target user matches: created
 * @param duplicate         users several target users match: not provisioned until that is resolved
 * @param untouchedTarget   target users no source user matches: left alone, as Entra leaves them
 * @param dryRunCounts      the dry run's counts as it plans without the target (every unlinked user a create)
 * @param complete          false when the dry run listed only its first planned changes (1,000): the figures then
 *                          cover those
 */
public record TakeOverPreview(int targetUsers, int link, int linkAndUpdate, int create, int duplicate,
                              int untouchedTarget, Map<PlannedAction, Integer> dryRunCounts,
                              boolean complete) {
}
