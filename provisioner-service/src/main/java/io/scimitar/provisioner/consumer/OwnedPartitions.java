package io.scimitar.provisioner.consumer;

import io.scimitar.provisioner.ratelimit.BudgetShare;
import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The partitions of a job's topic this instance owns in the job's consumer group, and the offsets of what it applied
 * there: on every rebalance it commits what is applied on the partitions it gives up (never on partitions it lost:
 * another member may own them already) and gives the job's rate limiter the budget share of the partitions it keeps.
 * Kafka runs this listener inside {@code poll} (and {@code close}) on the job's own thread, so never while a batch is
 * being applied.
 */
final class OwnedPartitions implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(OwnedPartitions.class);
    /** How long a commit may wait for the broker once a stop woke the consumer up. */
    private static final Duration STOPPING_COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final UUID jobId;
    private final String topic;
    private final KafkaConsumer<String, byte[]> kafka;
    private final TargetRateLimiter limiter;
    private final Runnable partitionsTaken;
    private final SortedSet<Integer> owned = new TreeSet<>();
    private boolean inGroup;
    private int partitionCount;
    /** Applied offsets not committed yet: the next offset to read of each partition whose batch is applied. */
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();

    /**
     * @param partitionsTaken called on the consumer's thread once partitions were taken (the first at joining, those
     *         another instance gave up or lost afterwards), when they are owned
     */
    OwnedPartitions(UUID jobId, String topic, KafkaConsumer<String, byte[]> kafka, TargetRateLimiter limiter,
            Runnable partitionsTaken) {
        this.jobId = jobId;
        this.topic = topic;
        this.kafka = kafka;
        this.limiter = limiter;
        this.partitionsTaken = partitionsTaken;
    }

    /**
     * Whether the object with this event key lies on a partition this instance owns (as the producer's default
     * partitioner places it); none while the job is not in its consumer group (before it joins, during a restart):
     * another instance may own any of them then, and an escrowed change retried here while that instance applies a
     * newer state of the same object would reach the target after it (a disable sent by an instance that had just
     * started, after the owner had found the user active again: the user stayed deactivated, ScaleOutTest).
     */
    boolean ownsKey(String key) {
        if (!inGroup) {
            return false;
        }
        if (key == null || partitionCount == 0) {
            return false;
        }
        return owned.contains(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount);
    }

    /** Whether other members of the job's consumer group own some of its partitions (other instances run the job). */
    boolean shared() {
        return inGroup && partitionCount > 0 && owned.size() < partitionCount;
    }

    /** The batch is applied and its writes are durable: its offsets are the next to commit. */
    void applied(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> read = records.records(partition);
            long next = read.get(read.size() - 1).offset() + 1;
            applied.merge(partition, new OffsetAndMetadata(next),
                    (before, now) -> now.offset() > before.offset() ? now : before);
        }
    }

    /**
     * Commits every applied offset not committed yet. A commit the group refuses because it is rebalancing (or the
     * instance is no longer a member) keeps them: the next commit, or the revocation of their partitions, commits
     * them; a partition lost meanwhile is read again by its new owner (idempotent by versions). When a stop woke the
     * consumer meanwhile, the commit is made again, waiting this time (bounded), before the wakeup goes on.
     */
    void commitApplied() {
        commit(new HashMap<>(applied), "the applied batch");
    }

    /** Commits what is applied on the partitions given up; the share of those kept applies at once. */
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> giving = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = applied.get(partition);
            if (offset != null) {
                giving.put(partition, offset);
            }
        }
        commit(giving, "the partitions given up");
        partitions.forEach(partition -> {
            applied.remove(partition);
            owned.remove(partition.partition());
        });
        reshare("gave up " + numbers(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.add(partition.partition()));
        reshare(partitions.isEmpty() ? "kept its partitions" : "took " + numbers(partitions));
        if (!partitions.isEmpty()) {
            partitionsTaken.run();
        }
    }

    /** Another member may own them already: nothing applied on them is committed; the new owner reads it again. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            applied.remove(partition);
            owned.remove(partition.partition());
        });
        reshare("lost " + numbers(partitions) + " (its membership ended)");
    }

    /** The job no longer consumes here: the whole budget is this instance's again (as for a single instance). */
    void left() {
        inGroup = false;
        owned.clear();
        applied.clear();
        limiter.share(BudgetShare.WHOLE);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets, String what) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets);
            forget(offsets);
        } catch (WakeupException e) {
            try {
                kafka.commitSync(offsets, STOPPING_COMMIT_TIMEOUT);
                forget(offsets);
            } catch (RuntimeException notCommitted) {
                LOG.warnf("Job %s: the offsets of %s could not be committed before stopping (%s); they are read "
                        + "again (already applied, nothing is sent twice)", jobId, what, notCommitted.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            LOG.infof("Job %s: the offsets of %s are committed later (%s)", jobId, what, e.getMessage());
        }
    }

    private void forget(Map<TopicPartition, OffsetAndMetadata> committed) {
        committed.forEach((partition, offset) -> applied.remove(partition, offset));
    }

    private void reshare(String why) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic);
        int count = infos == null ? 0 : infos.size();
        BudgetShare share = BudgetShare.owning(owned, Math.max(count, owned.isEmpty() ? 0 : owned.last() + 1));
        inGroup = true;
        partitionCount = share.partitionCount();
        limiter.share(share);
        LOG.infof("Job %s %s: it owns partitions %s of %d and spends that share of its target's rate limits", jobId,
                why, share.partitions(), share.partitionCount());
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }
}
