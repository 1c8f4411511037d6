package io.scimitar.provisioner.job;

import io.scimitar.provisioner.progress.SourceScope.ObjectsInScope;
import io.scimitar.provisioner.progress.TopicBacklog.PartitionBacklog;
import io.scimitar.provisioner.quarantine.Quarantine;
import io.scimitar.provisioner.ratelimit.BudgetShare;
import io.scimitar.provisioner.ratelimit.RequestBudgetStatus;
import io.scimitar.provisioner.targetindex.TargetIndexProgress;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job's progress as {@code GET /jobs/{id}/progress} answers it; every field is described in the module's README
 * ("Progress"). Figures of the current run reset when the job starts, restarts or resumes; {@code statistics} does not.
 *
 * @param phase {@code INITIAL_SYNC}, {@code INCREMENTAL} or {@code PAUSED}
 * @param runningSince when the current (or last) run on this instance started; null when it has not run here
 * @param objectsInScope users and groups in scope, counted by the source; null when it cannot tell
 * @param objectsDone objects in scope the job has done (a link of an object the source counted in scope at its latest
 *        decision, not waiting to be evaluated again); at most objectsInScope.total
 * @param percentComplete objectsDone out of objectsInScope (never 100 while work remains); null without a total
 * @param eventsBehind events on the topic after the job's committed position; null when the broker did not answer
 * @param partitions the same per partition
 * @param eventsProcessed events of the job's application in the current run whose effects are stored (each one
 *        change: applied, skipped, failed or already applied; escrow retries included)
 * @param eventsCommitted events of the topic (every application's) the current run committed: the unit of eventsBehind
 * @param alreadyApplied events of the current run older than what was applied before
 * @param deferred changes of the current run put off for the target's rate limit (waiting in escrow)
 * @param unreadableEvents events of the current run sent to the dead-letter topic
 * @param byAction changes of the current run that succeeded, by action
 * @param byStatus changes of the current run by status
 * @param rateWindowSeconds the window of the two rates
 * @param eventsPerSecond events of the topic committed per second over the window
 * @param changesPerSecond changes (eventsProcessed) stored per second over the window
 * @param estimatedSecondsLeft what remains divided by its rate; 0 only when nothing remains; null when unknown
 * @param estimateBasis what the estimate divides: {@code OBJECTS_IN_SCOPE} or {@code EVENTS_BEHIND}; null with it
 * @param lastEventAt when the current run last stored a change
 * @param statistics the job's statistics to date, over every run
 * @param rateLimits the target's request budgets as this instance spends them
 * @param rateLimitShare the partitions of the job's topic this instance owns, whose units of each budget it may
 *        spend; null when the job has not sent a request on this instance
 * @param targetIndex where the job's target index stands in this instance (users and groups)
 */
public record ProgressResponse(String phase, Instant runningSince, ObjectsInScope objectsInScope, long objectsDone,
        Double percentComplete, Long eventsBehind, List<PartitionBacklog> partitions, long eventsProcessed,
        long eventsCommitted, long alreadyApplied, long deferred, long unreadableEvents, Map<String, Long> byAction,
        Map<String, Long> byStatus, long rateWindowSeconds, double eventsPerSecond, double changesPerSecond,
        Long estimatedSecondsLeft, String estimateBasis, Instant lastEventAt, Statistics statistics,
        Long activeUsers, Long activeGroups, Long escrowed, Long stagedDeletions, Instant countedAt,
        List<RequestBudgetStatus> rateLimits, BudgetShare rateLimitShare, Quarantine quarantine,
        TargetIndexProgress targetIndex) {

    /**
     * The job's statistics to date (Entra's "Statistics to date"), stored with each poll's writes.
     *
     * @param since when the first change was counted; null before any
     * @param lastAt when the latest change was counted
     * @param changes every change counted
     * @param alreadyApplied events that were already applied (replays)
     * @param byAction changes that succeeded or warned, by action
     * @param byStatus changes by status (already applied ones not included)
     */
    public record Statistics(Instant since, Instant lastAt, long changes, long alreadyApplied,
            Map<String, Long> byAction, Map<String, Long> byStatus) {
    }
}
