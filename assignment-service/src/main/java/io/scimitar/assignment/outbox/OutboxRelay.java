package io.scimitar.assignment.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimitar.assignment.database.LocalOutboxRelay;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.database.SqlTransaction;
import io.scimitar.assignment.deadletter.DeadLetterRepository;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves outbox rows to Kafka: reads a batch in id order, sends each row to its topic (assignments or applications;
 * a key belongs to one topic, so per-key order holds) with the idempotent producer, waits for every
 * acknowledgement, then deletes the batch, all under a transaction-scoped advisory lock so that only one instance
 * relays at a time. A row the broker refuses for good ({@link UnpublishableRecords}) moves to the dead letters in the
 * same transaction and holds up nothing. After a retriable failure only the acknowledged rows are gone (minus any
 * behind the failed row of the same key); the rest is sent again after a growing pause, so delivery is at least once
 * and in order per key across broker outages and restarts of this service. Woken by a commit that wrote outbox rows,
 * so latency is milliseconds: in this process directly while this instance is the one relaying
 * ({@link LocalOutboxRelay}), else by LISTEN/NOTIFY; and every {@code pollInterval} in any case.
 */
@ApplicationScoped
public class OutboxRelay implements LocalOutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock that elects the one relaying instance ("scimitar" in ASCII, as a number). */
    static final long RELAY_LOCK = 0x736369_6d69746172L;
    private static final byte[] SCHEMA_VERSION = Integer.toString(AssignmentEvent.SCHEMA_VERSION)
            .getBytes(StandardCharsets.UTF_8);

    /** The record header carrying the W3C trace context of the request that wrote the row. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private final Transactions transactions;
    private final EventProducer producer;
    private final TopicInitializer topics;
    private final OutboxNotifications notifications;
    private final OutboxConfig config;
    private final KafkaConfig kafka;
    private final DeadLetterRepository deadLetters;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong notifiedWakeUps = new AtomicLong();
    private final AtomicLong commitWakeUps = new AtomicLong();
    private final AtomicBoolean committedHere = new AtomicBoolean();
    private final AtomicLong pollWakeUps = new AtomicLong();
    private volatile boolean running;
    /** Whether the last round held the relay's lock: commits in this process then wake this relay directly. */
    private volatile boolean relaying;
    private RuntimeException lastFailure;
    private Thread thread;

    public OutboxRelay(Transactions transactions, EventProducer producer, TopicInitializer topics,
            OutboxNotifications notifications, OutboxConfig config, KafkaConfig kafka,
            DeadLetterRepository deadLetters) {
        this.transactions = transactions;
        this.producer = producer;
        this.topics = topics;
        this.notifications = notifications;
        this.config = config;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled");
            return;
        }
        running = true;
        notifications.listen(this::notified);
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        notifications.close();
        // unblocks a send waiting for an unreachable broker; the unacknowledged rows stay in the outbox
        producer.reset();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many events this instance has relayed since it started. */
    public long relayedCount() {
        return relayed.get();
    }

    /** How many outbox rows this instance has moved to the dead letters since it started. */
    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** Idle waits this relay left because a notification through PostgreSQL woke it. */
    public long notifiedWakeUpCount() {
        return notifiedWakeUps.get();
    }

    /** Idle waits this relay left because a commit in this process woke it directly. */
    public long commitWakeUpCount() {
        return commitWakeUps.get();
    }

    /** Idle waits this relay left at the end of the poll interval, without a notification. */
    public long pollWakeUpCount() {
        return pollWakeUps.get();
    }

    @Override
    public boolean relaying() {
        return running && relaying;
    }

    @Override
    public void wake() {
        committedHere.set(true);
        wakeUp.release();
    }

    private void notified() {
        wakeUp.release();
    }

    private void run() {
        boolean topicReady = false;
        Duration backoff = config.initialBackoff();
        while (running) {
            try {
                if (!topicReady) {
                    topics.ensureTopic();
                    topicReady = true;
                }
                int sent = transactions.inTransaction(this::relayBatch);
                if (sent < 0) {
                    throw lastFailure;
                }
                backoff = config.initialBackoff();
                if (sent < config.batchSize()) {
                    boolean woken = wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                    (!woken ? pollWakeUps : committedHere.getAndSet(false) ? commitWakeUps : notifiedWakeUps)
                            .incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                relaying = false;
                LOG.warnf("Outbox relay round failed, retrying in %d ms: %s", backoff.toMillis(), describe(e));
                producer.reset();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One round; returns how many rows it took out of the outbox (0 when another instance holds the relay lock). */
    private int relayBatch(SqlTransaction tx) {
        // The round's settings come with its lock, in one statement:
        // - the outbox is a queue: once a vacuum has found it nearly empty, its statistics say a few rows while its
        //   file keeps the size of the largest backlog, and PostgreSQL then prefers reading the whole file and sorting
        //   it (1,018 pages, 2 to 3 ms a read after 20,000 users were imported) to walking the primary key (3 pages,
        //   0.07 ms); the relay's transaction reads nothing else, so it plans without sequential scans;
        // - its statements run on their generic plan, made once per connection: the delete was planned afresh at
        //   nearly every round (each has its own number of ids), costing four times the delete itself;
        // - its commit does not wait for the disk: a round lost in a crash leaves its rows in the outbox, and they
        //   are sent again, as after a crash before the commit (delivery is at least once).
        if (!tx.query("select pg_try_advisory_xact_lock($1), set_config('enable_seqscan', 'off', true), "
                + "set_config('plan_cache_mode', 'force_generic_plan', true), "
                + "set_config('synchronous_commit', 'off', true)", RELAY_LOCK).iterator().next().getBoolean(0)) {
            if (relaying) {
                // another instance relays now; commits here may have woken only this relay since its last round, so
                // every instance is notified when this transaction commits, that one included
                tx.query(Transactions.WAKE_OUTBOX_RELAY);
                relaying = false;
            }
            return 0;
        }
        relaying = true;
        List<Sent> sent = new ArrayList<>();
        boolean deadLettersExist = false;
        RuntimeException sendFailure = null;
        // the exists() is an uncorrelated sub-query: PostgreSQL runs it once per statement, not once per row
        for (var row : tx.query("select id, event_key, event_type, payload, exists (select 1 from outbox_dead_letter), "
                + "topic, traceparent from outbox order by id limit $1", config.batchSize())) {
            deadLettersExist = row.getBoolean(4);
            Sent record = new Sent(row.getLong(0), row.getString(1), row.getString(2),
                    OutboxTopic.ofColumn(row.getString(5)), row.getString(6));
            sent.add(record);
            if (sendFailure == null) {
                try {
                    record.ack = producer.send(toRecord(record, row.getString(3)));
                } catch (RuntimeException e) {
                    if (UnpublishableRecords.reason(e).isPresent()) {
                        record.refusal = e;
                    } else {
                        sendFailure = e;
                    }
                }
            }
        }
        if (sent.isEmpty()) {
            return 0;
        }
        // delete what the broker acknowledged, except rows behind a retriable failure of the same key: those go
        // again, after it, so that a key's events are never reordered; the rest stays for the next round. A row
        // refused for good moves to the dead letters and blocks nothing: the rows behind it are full snapshots.
        Set<String> blockedKeys = new HashSet<>();
        List<Long> removed = new ArrayList<>(sent.size());
        List<Long> delivered = new ArrayList<>(sent.size());
        List<String> deliveredKeys = new ArrayList<>(sent.size());
        List<Long> dead = new ArrayList<>();
        List<String> deadReasons = new ArrayList<>();
        RuntimeException failure = sendFailure;
        for (Sent record : sent) {
            Throwable error = record.ack != null ? await(record.ack)
                    : record.refusal != null ? record.refusal : sendFailure;
            if (blockedKeys.contains(record.key)) {
                continue;
            }
            Optional<String> refused = error == null ? Optional.empty() : UnpublishableRecords.reason(error);
            if (error == null) {
                removed.add(record.id);
                delivered.add(record.id);
                deliveredKeys.add(record.key);
            } else if (refused.isPresent()) {
                removed.add(record.id);
                dead.add(record.id);
                deadReasons.add(refused.get());
                LOG.warnf("Outbox row %d (%s, key %s) moved to the dead letters: %s", record.id, record.type,
                        record.key, refused.get());
            } else {
                blockedKeys.add(record.key);
                failure = failure == null ? new IllegalStateException("The broker did not take an event: " + error,
                        error) : failure;
            }
        }
        if (!dead.isEmpty()) {
            deadLetters.moveFromOutbox(tx, dead, deadReasons);
            deadLettered.addAndGet(dead.size());
            // every acknowledgement is in; a producer whose batch the broker refused starts afresh, sequences and all
            producer.reset();
        }
        if (!delivered.isEmpty() && (deadLettersExist || !dead.isEmpty())) {
            deadLetters.markSuperseded(tx, deliveredKeys, delivered);
        }
        if (!removed.isEmpty()) {
            // the range lets PostgreSQL walk the primary key even before it has statistics on a fresh table
            tx.update("delete from outbox where id between $1 and $2 and id = any($3)", removed.get(0),
                    removed.get(removed.size() - 1), removed.toArray(Long[]::new));
            relayed.addAndGet(delivered.size());
        }
        if (failure != null) {
            lastFailure = failure;
            return -1;
        }
        return sent.size();
    }

    private ProducerRecord<String, byte[]> toRecord(Sent row, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(AssignmentTopics.EVENT_TYPE_HEADER, row.type.getBytes(StandardCharsets.UTF_8));
        headers.add(AssignmentTopics.SCHEMA_VERSION_HEADER, SCHEMA_VERSION);
        if (row.traceparent != null) {
            // the trace of the request that made the change, continued by the consumers (W3C trace context)
            headers.add(TRACEPARENT_HEADER, row.traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(row.topic.name(kafka), null, row.key, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Waits for one acknowledgement; returns the failure, or null when the broker has the record. */
    private Throwable await(Future<RecordMetadata> ack) {
        while (true) {
            try {
                ack.get(config.stallWarning().toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("Interrupted while waiting for the broker", e);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                if (!running) {
                    return new IllegalStateException("Shutting down before the broker acknowledged the batch");
                }
                LOG.warnf("Still waiting for the broker to acknowledge outbox events (%d relayed so far)",
                        relayed.get());
            }
        }
    }

    /** One outbox row of a round: its acknowledgement to come, or the producer's refusal at send time. */
    private static final class Sent {
        final long id;
        final String key;
        final String type;
        final OutboxTopic topic;
        final String traceparent;
        Future<RecordMetadata> ack;
        RuntimeException refusal;

        Sent(long id, String key, String type, OutboxTopic topic, String traceparent) {
            this.id = id;
            this.key = key;
            this.type = type;
            this.topic = topic;
            this.traceparent = traceparent;
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getMessage() + (root != e ? " (" + root + ")" : "");
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
