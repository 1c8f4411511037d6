package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.batch.PendingWrites;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.escrow.EscrowSettings;
import io.scimitar.provisioner.log.ChangeTrace;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.log.ProvisioningStatus;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.provisioning.BatchWriter;
import io.scimitar.provisioner.provisioning.ChangeOutcome;
import io.scimitar.provisioner.provisioning.EventDispatcher;
import io.scimitar.provisioner.provisioning.JobContext;
import io.scimitar.provisioner.quarantine.Quarantine;
import io.scimitar.provisioner.quarantine.QuarantineKeeper;
import io.scimitar.provisioner.quarantine.QuarantineReason;
import io.scimitar.provisioner.quarantine.QuarantineSettings;
import io.scimitar.provisioner.quarantine.RecentOutcomes;
import io.scimitar.provisioner.scim.ScimClient;
import io.scimitar.provisioner.scim.ScimResult;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one job: its own Kafka consumer group reads the assignment topic, keeps the events of the job's application,
 * applies each object's events in order and different objects in parallel, writes what the batch's changes leave
 * (links, escrow resolutions, log entries) together ({@link BatchWriter}), and commits the offsets of a batch only
 * once those writes are durable. A batch that fails for lack of infrastructure is read again.
 * A job quarantined because its target rejects it, or because too many changes fail, stops reading (its partitions
 * paused) until its next attempt is due, then tries again and leaves quarantine on success.
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final Duration LONGEST_PENDING_MEMBERS_WAIT = Duration.ofMinutes(5);
    /** How soon members held back by the rate limit are looked at again. */
    private static final Duration HELD_BACK_MEMBERS_WAIT = Duration.ofSeconds(1);
    /**
     * Errors that mean the target rejects the job as a whole: wrong credentials, a target that is not SCIM, or a
     * target host the policy refuses.
     */
    private static final Set<String> REJECTED = Set.of("Unauthorized", "InsufficientRights", "TargetHostRefused",
            "SystemForCrossDomainIdentityManagementServiceIncompatible");

    private final JobContext context;
    private final EventDispatcher dispatcher;
    private final BatchWriter batchWriter;
    private final MembershipSynchronizer memberships;
    private final ProvisioningLogRepository log;
    private final DeadLetterPublisher deadLetters;
    private final EscrowKeeper escrow;
    private final EscrowSettings escrowSettings;
    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private final JobProgress progress;
    private final String keyPrefix;
    private final QuarantineKeeper quarantine;
    private final QuarantineSettings quarantineSettings;
    private final RecentOutcomes recent;
    private final AtomicReference<String> targetRejected = new AtomicReference<>();
    private final AtomicInteger batchChanges = new AtomicInteger();
    private final AtomicInteger batchFailures = new AtomicInteger();
    private volatile boolean running = true;
    /** A batch's push of newly active members to their groups failed: the job thread looks for them again soon. */
    private boolean membersPushFailed;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    JobRunner(JobContext context, EventDispatcher dispatcher, BatchWriter batchWriter,
            MembershipSynchronizer memberships, ProvisioningLogRepository log, DeadLetterPublisher deadLetters,
            EscrowKeeper escrow, EscrowSettings escrowSettings, ConsumerSettings settings, String bootstrapServers,
            JobProgress progress, QuarantineKeeper quarantine, QuarantineSettings quarantineSettings) {
        this.quarantine = quarantine;
        this.quarantineSettings = quarantineSettings;
        this.recent = new RecentOutcomes(quarantineSettings.recentChanges());
        this.escrow = escrow;
        this.escrowSettings = escrowSettings;
        this.context = context.deferringForRateLimits();
        this.dispatcher = dispatcher;
        this.batchWriter = batchWriter;
        this.memberships = memberships;
        this.log = log;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
        this.keyPrefix = context.job().applicationId() + "/";
    }

    void start() {
        thread = new Thread(this, "job-" + context.job().id());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch in progress; returns once the consumer is closed. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    JobContext context() {
        return context;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            quarantine.load(context.job().id()).await().indefinitely();
            kafka.subscribe(List.of(settings.topic()));
            long nextEscrowCheck = 0;
            long nextPendingMembersCheck = 0;
            Duration pendingMembersWait = settings.pendingMembersInterval();
            while (running) {
                boolean holding = holdsForQuarantine();
                if (holding) {
                    kafka.pause(kafka.assignment());
                } else if (!kafka.paused().isEmpty()) {
                    kafka.resume(kafka.paused());
                }
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(250));
                progress.observeLag(kafka);
                if (holding || !targetAnswers()) {
                    if (!records.isEmpty()) {
                        rewind(kafka, records); // read again once the job may go on: nothing is skipped
                    }
                    continue;
                }
                if (System.nanoTime() >= nextEscrowCheck) {
                    retryEscrowed();
                    judgeBatch();
                    nextEscrowCheck = System.nanoTime() + escrowSettings.pollInterval().toNanos();
                }
                if (memberships.takeHeldBack(context.job().id())) {
                    // the rate limit held back a PATCH of new members: look again soon, with what gathered meanwhile
                    nextPendingMembersCheck = Math.min(nextPendingMembersCheck,
                            System.nanoTime() + HELD_BACK_MEMBERS_WAIT.toNanos());
                }
                if (membersPushFailed) {
                    // a batch's PATCH of new members failed: they wait in the database; look for them again soon
                    membersPushFailed = false;
                    nextPendingMembersCheck = Math.min(nextPendingMembersCheck,
                            System.nanoTime() + pendingMembersWait.toNanos());
                }
                if (System.nanoTime() >= nextPendingMembersCheck) {
                    PendingPush pushed = pushPendingMembers();
                    pendingMembersWait = pushed == PendingPush.DONE ? settings.pendingMembersInterval()
                            : pushed == PendingPush.HELD_BACK ? HELD_BACK_MEMBERS_WAIT
                            : min(pendingMembersWait.multipliedBy(2), LONGEST_PENDING_MEMBERS_WAIT);
                    nextPendingMembersCheck = System.nanoTime() + (pushed == PendingPush.DONE
                            ? settings.pendingMembersSweep() : pendingMembersWait).toNanos();
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(records);
                    kafka.commitSync();
                    judgeBatch();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warnf("Job %s: a batch of %d events failed (%s); it will be read again in %s",
                            context.job().id(), records.count(), e.getMessage(), settings.retryBackoff());
                    rewind(kafka, records);
                    sleep(settings.retryBackoff());
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.errorf(e, "Job %s stopped consuming", context.job().id());
        } finally {
            consumer = null;
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        Map<String, List<AssignmentEvent>> byObject = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                continue;
            }
            try {
                AssignmentEvent event = AssignmentEventCodec.decode(record.value());
                byObject.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event);
            } catch (UnsupportedEventException e) {
                deadLetters.publish(context.job().id(), record, e.getMessage());
                progress.poisonEvent();
                LOG.warnf("Job %s: sent the unreadable event at %s-%d offset %d to %s: %s", context.job().id(),
                        record.topic(), record.partition(), record.offset(), deadLetters.topic(), e.getMessage());
            }
        }
        applyAll(context, byObject);
    }

    /** Quarantined for a failing target and not yet due to try again: read nothing, retry nothing. */
    private boolean holdsForQuarantine() {
        return quarantine.current(context.job().id())
                .filter(q -> q.reason() != QuarantineReason.TooManyDeletes)
                .map(q -> !quarantine.due(context.job().id()))
                .orElse(false);
    }

    /**
     * When quarantined because the target rejected the job, asks the target for one user first: on success the
     * quarantine ends, otherwise the next try waits longer.
     */
    private boolean targetAnswers() {
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

    /**
     * After a batch: a rejected target, or too large a share of failed changes, quarantines the job; a quarantined
     * job whose batch went well leaves quarantine.
     */
    private void judgeBatch() {
        UUID jobId = context.job().id();
        String rejected = targetRejected.getAndSet(null);
        int changes = batchChanges.getAndSet(0);
        int failures = batchFailures.getAndSet(0);
        Optional<Quarantine> current = quarantine.current(jobId);
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
                recent.clear();
                quarantine.leave(jobId, QuarantineReason.EncounteredEscrowProportionThreshold).await().indefinitely();
            } else {
                quarantine.stillFailing(jobId).await().indefinitely();
            }
        }
    }

    /**
     * Applies the events of each object in order, different objects in parallel, then adds the users that became
     * active to the target groups waiting for them. Returns once every change is applied and logged.
     * <p>
     * Users go first, groups after them: a group's members are read when its PATCH is written, and Miro reactivates a
     * deactivated user it is asked to add to a team. Were a group's PATCH written while a member's disable is on its
     * way, it would undo the disable; once the users of the batch are done, it sees them as they are.
     */
    private void applyAll(JobContext context, Map<String, List<AssignmentEvent>> byObject) {
        if (byObject.isEmpty()) {
            return;
        }
        List<List<AssignmentEvent>> users = new ArrayList<>();
        List<List<AssignmentEvent>> groups = new ArrayList<>();
        byObject.values().forEach(events -> (isUser(events.get(0)) ? users : groups).add(events));
        Set<String> activated = new HashSet<>();
        PendingWrites writes = batchWriter.start(context.job().id(), users.stream()
                .map(events -> events.get(0).objectId()).toList()).await().indefinitely();
        JobContext batch = context.writingWith(writes);
        applyInParallel(batch, users, activated);
        if (!groups.isEmpty()) {
            // groups resolve their members' links in the database: the users' links of this poll must be there
            batchWriter.flush(writes).await().indefinitely();
        }
        applyInParallel(batch, groups, activated);
        if (!activated.isEmpty()) {
            batchWriter.flush(writes).await().indefinitely();
            List<ChangeTrace> pushes = memberships.membersActivated(context, activated).await().indefinitely();
            pushes.forEach(trace -> writes.log(trace.toEntry()));
            if (pushes.stream().anyMatch(trace -> trace.status() == ProvisioningStatus.FAILURE)) {
                membersPushFailed = true;
            }
        }
        batchWriter.flush(writes).await().indefinitely();
    }

    /** Pushes the group members left waiting by a failed, interrupted or held-back PATCH. */
    private PendingPush pushPendingMembers() {
        try {
            List<ChangeTrace> traces = memberships.pushAllPending(context).await().indefinitely();
            for (ChangeTrace trace : traces) {
                log.insert(trace.toEntry()).await().indefinitely();
            }
            if (traces.stream().anyMatch(trace -> trace.status() == ProvisioningStatus.FAILURE)) {
                return PendingPush.FAILED;
            }
            return memberships.takeHeldBack(context.job().id()) ? PendingPush.HELD_BACK : PendingPush.DONE;
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: pushing waiting group members failed (%s); trying again later", context.job().id(),
                    e.getMessage());
            return PendingPush.FAILED;
        }
    }

    /** How a push of waiting members went: the next one comes after the usual interval, sooner, or later. */
    private enum PendingPush {
        DONE, HELD_BACK, FAILED
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Retries the escrowed changes that are due; a failure here only postpones them. */
    private void retryEscrowed() {
        try {
            List<EscrowKeeper.DueChange> due = escrow.due(context, settings.maxPollRecords()).await().indefinitely();
            Map<String, List<AssignmentEvent>> retries = new LinkedHashMap<>();
            Map<String, List<AssignmentEvent>> allowedDeletions = new LinkedHashMap<>();
            due.forEach(change -> (change.deletionsAllowed() ? allowedDeletions : retries)
                    .computeIfAbsent(change.event().key(), key -> new ArrayList<>()).add(change.event()));
            applyAll(context, retries);
            applyAll(context.withDeletionsAllowed(), allowedDeletions);
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: retrying escrowed changes failed (%s); they stay in escrow", context.job().id(),
                    e.getMessage());
        }
    }

    private void applyInParallel(JobContext context, List<List<AssignmentEvent>> objects, Set<String> activated) {
        if (objects.isEmpty()) {
            return;
        }
        Multi.createFrom().iterable(objects)
                .onItem().transformToUni(events -> applyInOrder(context, events, activated))
                .merge(settings.concurrency())
                .collect().last()
                .await().indefinitely();
    }

    private static boolean isUser(AssignmentEvent event) {
        return event instanceof UserAssignmentEvent || event instanceof UserDeletedEvent;
    }

    private Uni<Void> applyInOrder(JobContext context, List<AssignmentEvent> events, Set<String> activated) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AssignmentEvent event : events) {
            chain = chain.chain(() -> dispatcher.dispatch(context, event)
                    .invoke(outcome -> record(outcome, activated, context.writes())).replaceWithVoid());
        }
        return chain;
    }

    private void record(ChangeOutcome outcome, Set<String> activated, PendingWrites writes) {
        if (outcome.activatedUserId() != null) {
            synchronized (activated) {
                activated.add(outcome.activatedUserId());
            }
        }
        ChangeTrace trace = outcome.trace();
        writes.onceDurable(() -> progress.processed(trace == null ? null : trace.action(),
                trace == null ? null : trace.status()));
        if (trace != null && trace.status() != ProvisioningStatus.SKIPPED) {
            boolean failed = trace.status() == ProvisioningStatus.FAILURE;
            recent.record(failed);
            batchChanges.incrementAndGet();
            if (failed) {
                batchFailures.incrementAndGet();
                if (REJECTED.contains(trace.toEntry().errorCode())) {
                    targetRejected.set(trace.toEntry().errorCode() + ": " + trace.toEntry().errorReason());
                }
            }
        }
    }

    private void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(kafka::seek);
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroupPrefix() + context.job().id());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "scimitar-job-" + context.job().id());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(1000, settings.sessionTimeout().toMillis() / 3));
        return properties;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
