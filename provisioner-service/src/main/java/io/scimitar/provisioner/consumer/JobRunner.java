package io.scimitar.provisioner.consumer;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.provisioner.escrow.EscrowKeeper;
import io.scimitar.provisioner.escrow.EscrowSettings;
import io.scimitar.provisioner.log.ChangeTrace;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.membership.MembershipSynchronizer;
import io.scimitar.provisioner.provisioning.ChangeOutcome;
import io.scimitar.provisioner.provisioning.EventDispatcher;
import io.scimitar.provisioner.provisioning.JobContext;
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
import java.util.Set;

/**
 * Runs one job: its own Kafka consumer group reads the assignment topic, keeps the events of the job's application,
 * applies each object's events in order and different objects in parallel, and commits the offsets of a batch only
 * once every change in it is applied and logged. A batch that fails for lack of infrastructure is read again.
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final JobContext context;
    private final EventDispatcher dispatcher;
    private final MembershipSynchronizer memberships;
    private final ProvisioningLogRepository log;
    private final DeadLetterPublisher deadLetters;
    private final EscrowKeeper escrow;
    private final EscrowSettings escrowSettings;
    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private final JobProgress progress;
    private final String keyPrefix;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    JobRunner(JobContext context, EventDispatcher dispatcher, MembershipSynchronizer memberships,
            ProvisioningLogRepository log, DeadLetterPublisher deadLetters, EscrowKeeper escrow,
            EscrowSettings escrowSettings, ConsumerSettings settings, String bootstrapServers, JobProgress progress) {
        this.escrow = escrow;
        this.escrowSettings = escrowSettings;
        this.context = context;
        this.dispatcher = dispatcher;
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
            kafka.subscribe(List.of(settings.topic()));
            long nextEscrowCheck = 0;
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(250));
                progress.observeLag(kafka);
                if (System.nanoTime() >= nextEscrowCheck) {
                    retryEscrowed();
                    nextEscrowCheck = System.nanoTime() + escrowSettings.pollInterval().toNanos();
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(records);
                    kafka.commitSync();
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
        applyAll(byObject);
    }

    /**
     * Applies the events of each object in order, different objects in parallel, then adds the users that became
     * active to the target groups waiting for them. Returns once every change is applied and logged.
     */
    private void applyAll(Map<String, List<AssignmentEvent>> byObject) {
        if (byObject.isEmpty()) {
            return;
        }
        Set<String> activated = new HashSet<>();
        Multi.createFrom().iterable(byObject.values())
                .onItem().transformToUni(events -> applyInOrder(events, activated))
                .merge(settings.concurrency())
                .collect().last()
                .await().indefinitely();
        if (!activated.isEmpty()) {
            memberships.membersActivated(context, activated)
                    .chain(traces -> Multi.createFrom().iterable(traces)
                            .onItem().transformToUniAndConcatenate(trace -> log.insert(trace.toEntry()))
                            .collect().last())
                    .await().indefinitely();
        }
    }

    /** Retries the escrowed changes that are due; a failure here only postpones them. */
    private void retryEscrowed() {
        try {
            List<AssignmentEvent> due = escrow.due(context, settings.maxPollRecords()).await().indefinitely();
            Map<String, List<AssignmentEvent>> byObject = new LinkedHashMap<>();
            due.forEach(event -> byObject.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event));
            applyAll(byObject);
        } catch (RuntimeException e) {
            LOG.warnf("Job %s: retrying escrowed changes failed (%s); they stay in escrow", context.job().id(),
                    e.getMessage());
        }
    }

    private Uni<Void> applyInOrder(List<AssignmentEvent> events, Set<String> activated) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AssignmentEvent event : events) {
            chain = chain.chain(() -> dispatcher.dispatch(context, event).invoke(outcome -> record(outcome, activated))
                    .replaceWithVoid());
        }
        return chain;
    }

    private void record(ChangeOutcome outcome, Set<String> activated) {
        if (outcome.activatedUserId() != null) {
            synchronized (activated) {
                activated.add(outcome.activatedUserId());
            }
        }
        ChangeTrace trace = outcome.trace();
        progress.processed(trace == null ? null : trace.action(), trace == null ? null : trace.status());
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
