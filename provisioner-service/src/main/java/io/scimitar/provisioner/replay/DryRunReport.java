package io.scimitar.provisioner.replay;

import java.util.List;
import java.util.Map;

/**
 * What replaying the history with a job's configuration would do, computed without calling the target.
 *
 * @param eventsRead  events of the job's application read from the topic
 * @param counts      planned changes by action
 * @param changes     the planned changes other than SKIP (a full dry run: also every object in scope that is in
 *                    sync), each with its values old and new, at most {@link DryRunPlanner#MAX_LISTED}
 * @param truncated   true when more changes were planned than listed
 */
public record DryRunReport(long eventsRead, Map<PlannedChange.PlannedAction, Integer> counts,
        List<PlannedChange> changes, boolean truncated) {
}
