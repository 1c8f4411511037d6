package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.provisioner.observability.ProvisionerMetrics;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Consumes the assignment topic for each running job, on the job's own thread and Kafka consumer group: polls, hands
 * each batch to the {@link BatchApplier} and commits its offsets only once every change in it is applied and logged.
 * Instances running the same job share its partitions (cooperative rebalancing); {@link OwnedPartitions} commits
 * before a partition changes hands and gives the job's rate limiter the share of the partitions owned.
 * A batch that fails for lack of infrastructure is read again (rewound). A job quarantined because its target rejects
 * it, or because too many changes fail, stops reading (its partitions paused) until the {@link JobSupervisor} lets it
 * try again. A restart requested through any instance makes every instance leave the job's consumer group until one
 * of them has carried it out ({@link RestartTurn}).
 */
@ApplicationScoped
public class JobConsumer {

    private static final Logger LOG = Logger.getLogger(JobConsumer.class);
    /** How long the offsets of polls holding none of the job's events may wait for a commit. */
    private static final Duration SKIPPED_COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final BatchApplier applier;
    private final JobSupervisor supervisor;
    private final RestartReplay restartReplay;
    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private final ProvisionerMetrics metrics;
    private final RestartTurn restartTurn;
    private final SharedStateSettings sharedState;

    public JobConsumer(BatchApplier applier, JobSupervisor supervisor, RestartReplay restartReplay,
            ConsumerSettings settings, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ProvisionerMetrics metrics, RestartTurn restartTurn, SharedStateSettings sharedState) {
        this.restartTurn = restartTurn;
        this.sharedState = sharedState;
        this.metrics = metrics;
        this.applier = applier;
        this.restartReplay = restartReplay;
        this.supervisor = supervisor;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    /** A job ready to be consumed once started; it puts off what the target's rate limit has no room for. */
    RunningJob prepare(JobContext context, JobProgress progress) {
        return new RunningJob(context.deferringForRateLimits(), supervisor.watch(context.job().id(), progress), this::consume);
    }

    private void consume(RunningJob job) {
        JobContext context = job.context();
        JobWatch watch = job.watch();
        OwnedPartitions owned = null;
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties(context),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            job.consumingWith(kafka);
            owned = new OwnedPartitions(context.job().id(), settings.topic(), kafka, context.scim().limiter(),
                    watch::partitionsTaken);
            watch.owns = owned::ownsKey;
            watch.sharing = owned::shared;
            supervisor.starting(context);
            job.prepareToConsume();
            if (!takeRestartTurn(job, kafka, owned)) {
                return; // stopped during the restart: it is carried out at the next start
            }
            CommitPacing pacing = new CommitPacing(SKIPPED_COMMIT_INTERVAL, System.nanoTime());
            while (job.isRunning()) {
                if (restartRequested(job)) {
                    // the restart's markers are committed once no instance is left in the job's consumer group
                    kafka.unsubscribe();
                    owned.left();
                    if (!takeRestartTurn(job, kafka, owned)) {
                        return;
                    }
                    continue;
                }
                boolean holding = supervisor.holdsForQuarantine(context);
                if (holding) {
                    kafka.pause(kafka.assignment());
                } else if (!kafka.paused().isEmpty()) {
                    kafka.resume(kafka.paused());
                }
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(250));
                long lag = CommittedLag.after(kafka, records);
                if (lag >= 0) {
                    metrics.lag(context.job().id(), lag);
                }
                if (records.isEmpty() && !holding) {
                    noteCaughtUp(kafka, watch.progress);
                }
                if (holding || !supervisor.targetAnswers(context)) {
                    if (!records.isEmpty()) {
                        rewind(kafka, records); // read again once the job may go on: nothing is skipped
                    }
                    continue;
                }
                supervisor.betweenPolls(context, watch);
                if (records.isEmpty()) {
                    owned.commitApplied(); // what polls of other applications' events left uncommitted, if any
                    applier.pushWaitingMembers(context, watch);
                    continue;
                }
                // more waiting behind this poll: a backlog (the lag counts this poll's records, not committed)
                boolean moreWaiting = lag >= 0 ? lag > records.count() : records.count() >= settings.maxPollRecords();
                boolean ownEvents;
                try {
                    ownEvents = applier.apply(context, records, watch, moreWaiting);
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warnf("Job %s: a batch of %d events failed (%s); it will be read again in %s",
                            context.job().id(), records.count(), e.getMessage(), settings.retryBackoff());
                    rewind(kafka, records);
                    // its users' links may be written already, so reading the batch again skips them as applied and
                    // does not re-evaluate their groups: the members left waiting are looked for again soon instead
                    watch.membersPushFailed = true;
                    sleep(settings.retryBackoff());
                    continue;
                }
                // applied and durable: committed now, or (the group rebalancing) at the next commit or when its
                // partitions are given up, never read again by this instance
                owned.applied(records);
                if (pacing.commitNow(ownEvents, moreWaiting, System.nanoTime())) {
                    owned.commitApplied();
                }
                watch.progress.committed(records.count());
                supervisor.judgeBatch(context, watch);
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.errorf(e, "Job %s stopped consuming", context.job().id());
        } finally {
            if (owned != null) {
                owned.left();
            }
            job.consumingWith(null);
        }
    }

    /**
     * Waits for the restarts requested through any instance, carrying them out here when this instance gets their
     * turn ({@link RestartTurn}), then subscribes to the job's topic; false when the job stopped first.
     */
    private boolean takeRestartTurn(RunningJob job, KafkaConsumer<String, byte[]> kafka, OwnedPartitions owned) {
        JobContext context = job.context();
        BooleanSupplier replay = () -> restartReplay.replayIfPending(context, consumerProperties(context),
                job::isRunning, events -> applyReplayed(job, events));
        RestartTurn.Outcome turn = restartTurn.take(job, replay);
        if (turn == RestartTurn.Outcome.STOPPED || (turn == RestartTurn.Outcome.NONE && !replay.getAsBoolean())) {
            return false;
        }
        if (turn == RestartTurn.Outcome.CARRIED_OUT) {
            supervisor.starting(context); // the restart lifted its quarantine, maybe through another instance
        }
        kafka.subscribe(List.of(settings.topic()), owned);
        job.watch().nextSharedStateCheck = 0; // looked at again before joining the group
        return true;
    }

    /**
     * Looks, at most once per {@code scimitar.provisioner.shared-state.interval}, at what other instances may have
     * decided for the job: its quarantine entered or lifted (followed at once), and a restart requested.
     */
    private boolean restartRequested(RunningJob job) {
        JobWatch watch = job.watch();
        if (System.nanoTime() < watch.nextSharedStateCheck) {
            return false;
        }
        watch.nextSharedStateCheck = System.nanoTime() + sharedState.interval().toNanos();
        supervisor.followQuarantine(job.context());
        if (!restartTurn.requested(job.context().job().id())) {
            return false;
        }
        LOG.infof("Job %s: a restart was requested; it leaves its consumer group until the restart is carried out",
                job.context().job().id());
        return true;
    }

    /**
     * Applies a batch of a restart's compacted view as a poll is applied: not while the job is held by quarantine or
     * its target does not answer, and again after a failure for lack of infrastructure (idempotent by versions).
     */
    private void applyReplayed(RunningJob job, Map<String, List<AssignmentEvent>> events) {
        JobContext context = job.context();
        JobWatch watch = job.watch();
        while (job.isRunning()) {
            if (supervisor.holdsForQuarantine(context) || !supervisor.targetAnswers(context)) {
                sleep(Duration.ofMillis(250));
                continue;
            }
            supervisor.betweenPolls(context, watch);
            try {
                applier.applyAll(context, events, watch);
                supervisor.judgeBatch(context, watch);
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("Job %s: a batch of the restart's %d object(s) failed (%s); it is applied again in %s",
                        context.job().id(), events.size(), e.getMessage(), settings.retryBackoff());
                sleep(settings.retryBackoff());
            }
        }
    }

    /** A poll that found nothing, with nothing left on any partition: every event read is applied and committed. */
    private static void noteCaughtUp(KafkaConsumer<String, byte[]> kafka, JobProgress progress) {
        if (kafka.assignment().isEmpty()) {
            return;
        }
        for (TopicPartition partition : kafka.assignment()) {
            OptionalLong lag = kafka.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return;
            }
        }
        progress.backlogSeen(0);
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(kafka::seek);
    }

    private Map<String, Object> consumerProperties(JobContext context) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroupPrefix() + context.job().id());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "scimitar-job-" + context.job().id());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // incremental rebalancing: a member joining or leaving moves only the partitions that change hands, and the
        // others keep being consumed meanwhile (OwnedPartitions commits before giving a partition up)
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                List.of(CooperativeStickyAssignor.class.getName()));
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
