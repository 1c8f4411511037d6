package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.EventKeys;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.escrow.EscrowSettings;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.quarantine.Quarantine;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineReason;
import io.scimitar.provisioner.quarantine.QuarantineSettings;
import io.scimitar.provisioner.quarantine.RecentOutcomes;
import io.scimitar.provisioner.quarantine.RecentOutcomesByJob;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Looks after the running jobs between their batches: retries escrowed changes when due, quarantines a job whose
 * target rejects it or whose changes fail too often (and lets it out again), and pushes group members left waiting.
 * Its state for each job is that job's {@link JobWatch}.
 */
@ApplicationScoped
public class JobSupervisor {

    private static final Logger LOG = Logger.getLogger(JobSupervisor.class);
    private static final Duration LONGEST_PENDING_MEMBERS_WAIT = Duration.ofMinutes(5);
    /** How soon members held back by the rate limit are looked at again. */
    private static final Duration HELD_BACK_MEMBERS_WAIT = Duration.ofSeconds(1);
    /** Polls' worth of users whose group pushes may gather before they go, whatever the delay. */
    private static final int MOST_WAITING_MEMBER_PUSHES_POLLS = 20;

    private final BatchApplier applier;
    private final MembershipSynchronizer memberships;
    private final ProvisioningLogRepository log;
    private final EscrowKeeper escrow;
    private final EscrowSettings escrowSettings;
    private final QuarantineKeeper quarantine;
    private final QuarantineSettings quarantineSettings;
    private final ConsumerSettings settings;
    private final RecentOutcomesByJob outcomes;

    public JobSupervisor(BatchApplier applier, MembershipSynchronizer memberships, ProvisioningLogRepository log,
            EscrowKeeper escrow, EscrowSettings escrowSettings, QuarantineKeeper quarantine,
            QuarantineSettings quarantineSettings, ConsumerSettings settings, RecentOutcomesByJob outcomes) {
        this.outcomes = outcomes;
        this.applier = applier;
        this.memberships = memberships;
        this.log = log;
        this.escrow = escrow;
        this.escrowSettings = escrowSettings;
        this.quarantine = quarantine;
        this.quarantineSettings = quarantineSettings;
        this.settings = settings;
    }

    /** A new watch for a job that starts running; its recent outcomes go on from its previous run. */
    JobWatch watch(UUID jobId, JobProgress progress) {
        return new JobWatch(progress, outcomes.of(jobId), settings.pendingMembersInterval(),
                new WaitingMemberPushes(settings.memberPushDelay(), MOST_WAITING_MEMBER_PUSHES_POLLS
                        * settings.maxPollRecords()));
    }

    /**
     * Before a job reads anything: loads its quarantine and its recent outcomes as stored, and sends the quarantine's
     * email if it was not delivered. Recent outcomes above the failure share of a job that is not quarantined mean its
     * quarantine was lifted (restart): they are forgotten, so it is judged afresh.
     */
    void starting(JobContext context) {
        UUID jobId = context.job().id();
        quarantine.load(jobId).await().indefinitely();
        notifyIfUndelivered(context);
        RecentOutcomes recent = outcomes.load(jobId).await().indefinitely();
        if (quarantine.current(jobId).isEmpty() && recent.above(quarantineSettings.failureRatio())) {
            outcomes.clear(jobId).await().indefinitely();
        }
    }

    /**
     * Takes the job's quarantine as stored, which another instance may have entered, lifted or tried again meanwhile:
     * a quarantine holds the job on every instance. Its email goes if it was not delivered (its sender stopped, here
     * before a restart of the process or on another instance, or the mail server refused it). A database that cannot
     * say now leaves it as it was.
     */
    void followQuarantine(JobContext context) {
        try {
            quarantine.follow(context.job().id()).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.debugf("Job %s: could not read its quarantine as stored (%s)", context.job().id(), e.getMessage());
            return;
        }
        notifyIfUndelivered(context);
    }

    /**
     * Sends the quarantine's email if it was not delivered, without holding up the job's thread (a slow mail server
     * does not slow the job); the claim's lease keeps the next look from sending it again meanwhile. A database that
     * cannot say now leaves it to the next look.
     */
    private void notifyIfUndelivered(JobContext context) {
        quarantine.notifyIfUndelivered(context.job()).subscribe().with(done -> { }, failure -> LOG.debugf(
                "Job %s: could not look at its quarantine email (%s)", context.job().id(), failure.getMessage()));
    }

    /** Quarantined for a failing target and not yet due to try again: read nothing, retry nothing. */
    boolean holdsForQuarantine(JobContext context) {
        return quarantine.current(context.job().id())
                .filter(q -> q.reason() != QuarantineReason.TooManyDeletes)
                .map(q -> !quarantine.due(context.job().id()))
                .orElse(false);
    }

    /**
     * When quarantined because the target rejected the job, asks the target for one user first: on success the
     * quarantine ends, otherwise the next try waits longer.
     */
    boolean targetAnswers(JobContext context) {
        UUID jobId = context.job().id();
        if (!quarantine.isQuarantined(jobId, QuarantineReason.EncounteredQuarantineException)) {
            return true;
        }
        ScimResult probe = context.scim().firstPage(ScimClient.USERS, 1).await().indefinitely();
        if (probe.isSuccess()) {
            quarantine.leave(jobId, QuarantineReason.EncounteredQuarantineException)
                    .call(() -> escrow.retryAllNow(jobId)).await().indefinitely();
            return true;
        }
        quarantine.stillFailing(jobId).await().indefinitely();
        return false;
    }

    /** Between polls: retries the escrowed changes and pushes the waiting members whose time has come. */
    void betweenPolls(JobContext context, JobWatch watch) {
        if (System.nanoTime() >= watch.nextEscrowCheck) {
            retryEscrowed(context, watch);
            judgeBatch(context, watch);
            watch.nextEscrowCheck = System.nanoTime() + escrowSettings.pollInterval().toNanos();
        }
        if (memberships.takeHeldBack(context.job().id())) {
            // the rate limit held back a PATCH of new members: look again soon, with what gathered meanwhile
            watch.sweepEveryGroup = true;
            watch.nextPendingMembersCheck = Math.min(watch.nextPendingMembersCheck,
                    System.nanoTime() + HELD_BACK_MEMBERS_WAIT.toNanos());
        }
        if (watch.membersPushFailed) {
            // a batch's PATCH of new members failed: they wait in the database; look for them again soon
            watch.membersPushFailed = false;
            watch.sweepEveryGroup = true;
            watch.nextPendingMembersCheck = Math.min(watch.nextPendingMembersCheck,
                    System.nanoTime() + watch.pendingMembersWait.toNanos());
        }
        if (System.nanoTime() >= watch.nextPendingMembersCheck) {
            PendingPush pushed = pushPendingMembers(context, watch);
            watch.pendingMembersWait = nextPendingMembersWait(pushed, watch.pendingMembersWait,
                    settings.pendingMembersInterval());
            watch.nextPendingMembersCheck = System.nanoTime() + (pushed == PendingPush.DONE
                    ? settings.pendingMembersSweep() : watch.pendingMembersWait).toNanos();
        }
    }

    /**
     * After a batch: a rejected target, or too large a share of failed changes, quarantines the job; a quarantined
     * job whose batch went well leaves quarantine.
     */
    void judgeBatch(JobContext context, JobWatch watch) {
        UUID jobId = context.job().id();
        String rejected = watch.targetRejected.getAndSet(null);
        int changes = watch.batchChanges.getAndSet(0);
        int failures = watch.batchFailures.getAndSet(0);
        Optional<Quarantine> current = quarantine.current(jobId);
        RecentOutcomes.Tally recent = current.isPresent() || rejected != null ? null
                : recentOutcomes(jobId, watch, changes);
        if (rejected != null) {
            quarantine.enter(context.job(), QuarantineReason.EncounteredQuarantineException, rejected)
                    .await().indefinitely();
        } else if (current.isEmpty() && recent.above(quarantineSettings.failureRatio())) {
            quarantine.enter(context.job(), QuarantineReason.EncounteredEscrowProportionThreshold,
                    recent.failures() + " of the last " + recent.size() + " changes failed (the threshold is "
                            + Math.round(quarantineSettings.failureRatio() * 100) + "%)").await().indefinitely();
        } else if (current.isPresent() && current.get().reason() == QuarantineReason.EncounteredEscrowProportionThreshold
                && changes > 0) {
            if (failures <= quarantineSettings.failureRatio() * changes) {
                outcomes.clear(jobId).await().indefinitely();
                quarantine.leave(jobId, QuarantineReason.EncounteredEscrowProportionThreshold).await().indefinitely();
            } else {
                quarantine.stillFailing(jobId).await().indefinitely();
            }
        }
    }

    /**
     * The job's recent outcomes: those applied here, or, while other instances consume the job too, the window all of
     * them stored (each poll stores its outcomes with its writes), so that the failure share is the job's; read only
     * after changes were recorded here (the others judge their own).
     */
    private RecentOutcomes.Tally recentOutcomes(UUID jobId, JobWatch watch, int changes) {
        if (changes == 0 || !watch.sharing.getAsBoolean()) {
            return watch.recent.tally();
        }
        try {
            return outcomes.acrossInstances(jobId).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.debugf("Job %s: its stored failure share could not be read (%s); judging its own", jobId,
                    e.getMessage());
            return watch.recent.tally();
        }
    }

    /**
     * Pushes the group members left waiting by a failed, interrupted or held-back PATCH: in the groups on this
     * instance's partitions (the others' owners sweep theirs), or in every group when this instance's own PATCHes left
     * them waiting ({@link JobWatch#sweepEveryGroup}), until such a sweep goes through.
     */
    private PendingPush pushPendingMembers(JobContext context, JobWatch watch) {
        boolean everyGroup = watch.sweepEveryGroup;
        PendingPush pushed = pushPendingMembers(context, everyGroup ? groupId -> true
                : groupsOn(context.job().applicationId(), watch.owns));
        watch.sweepEveryGroup = everyGroup && pushed != PendingPush.DONE;
        return pushed;
    }

    /** The groups (by id) of the application whose event keys lie on the partitions {@code ownsKey} accepts. */
    static Predicate<String> groupsOn(String applicationId, Predicate<String> ownsKey) {
        return groupId -> ownsKey.test(EventKeys.key(applicationId, groupId));
    }

    private PendingPush pushPendingMembers(JobContext context, Predicate<String> swept) {
        try {
            List<ChangeTrace> traces = memberships.pushAllPending(context, swept).await().indefinitely();
            for (ChangeTrace trace : traces) {
                log.insert(trace.toEntry()).await().indefinitely();
            }
            if (traces.stream().anyMatch(trace -> trace.status() == ProvisioningStatus.FAILURE)) {
                return traces.stream().allMatch(trace -> trace.status() == ProvisioningStatus.FAILURE)
                        ? PendingPush.FAILED : PendingPush.PARTLY_FAILED;
            }
            return memberships.takeHeldBack(context.job().id()) ? PendingPush.HELD_BACK : PendingPush.DONE;
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: pushing waiting group members failed (%s); trying again later", context.job().id(),
                    e.getMessage());
            return PendingPush.FAILED;
        }
    }

    /**
     * How a push of waiting members went: every group's PATCH went, the rate limit held some back, some groups' PATCHes
     * failed but others went, or every one failed.
     */
    enum PendingPush {
        DONE, HELD_BACK, PARTLY_FAILED, FAILED
    }

    /**
     * How long to wait before the next push of the members still waiting after {@code pushed}: the usual
     * {@code interval} while the target takes some of the pushes (a target that fails one request in five still takes
     * most groups' PATCHes, and each failed group is tried again after the interval, not after a wait that doubled at
     * every round with a failure somewhere: it grew to minutes, and members waited that long); doubled from
     * {@code current} while it takes none, up to {@link #LONGEST_PENDING_MEMBERS_WAIT}, so that a target that is down
     * is not pressed.
     */
    static Duration nextPendingMembersWait(PendingPush pushed, Duration current, Duration interval) {
        return switch (pushed) {
            case DONE, PARTLY_FAILED -> interval;
            case HELD_BACK -> HELD_BACK_MEMBERS_WAIT;
            case FAILED -> min(current.multipliedBy(2), LONGEST_PENDING_MEMBERS_WAIT);
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Retries the escrowed changes that are due of the objects on this instance's partitions; a failure here only
     * postpones them.
     */
    private void retryEscrowed(JobContext context, JobWatch watch) {
        try {
            List<EscrowKeeper.DueChange> due = escrow.due(context, settings.maxPollRecords()).await().indefinitely();
            Map<String, List<AssignmentEvent>> retries = new LinkedHashMap<>();
            Map<String, List<AssignmentEvent>> allowedDeletions = new LinkedHashMap<>();
            // with several instances, each retries the changes of the objects on its own partitions
            due.stream().filter(change -> watch.owns.test(change.event().key()))
                    .forEach(change -> (change.deletionsAllowed() ? allowedDeletions : retries)
                            .computeIfAbsent(change.event().key(), key -> new ArrayList<>()).add(change.event()));
            applier.applyAll(context, retries, watch);
            applier.applyAll(context.withDeletionsAllowed(), allowedDeletions, watch);
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: retrying escrowed changes failed (%s); they stay in escrow", context.job().id(),
                    e.getMessage());
        }
    }
}
