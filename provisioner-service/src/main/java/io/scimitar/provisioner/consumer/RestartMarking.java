package io.scimitar.provisioner.consumer;

import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Commits a restart's {@link RestartMarker}s in the job's consumer group, from outside the group: per partition, where
 * the replay starts (the requested start, or where the job had read if that is earlier: nothing waiting is skipped),
 * with a marker naming the topic's end now; a marker still waiting from an earlier restart is merged into the new one.
 * The broker takes such a commit only while the group has no member, so it is tried again until every instance left.
 */
@ApplicationScoped
public class RestartMarking {

    private static final Logger LOG = Logger.getLogger(RestartMarking.class);

    private final ConsumerSettings settings;
    private final String bootstrapServers;

    public RestartMarking(ConsumerSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    /** Commits the restart's markers; answers false when {@code running} turned false before the group took them. */
    public boolean mark(PendingRestart restart, BooleanSupplier running) {
        UUID jobId = restart.jobId();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroupPrefix() + jobId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return true;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running.getAsBoolean()) {
                try {
                    // read again at each try: a member leaving commits what it applied before the group empties
                    consumer.commitSync(markers(consumer, partitions, end, restart));
                    return true;
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.infof("Job %s: its restart waits for every instance to leave the job's consumer group (%s)",
                            jobId, e.getMessage());
                    sleep(settings.retryBackoff());
                }
            }
            return false;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> markers(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Map<TopicPartition, Long> end, PendingRestart restart) {
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> requested = restart.from() == null ? beginning
                : offsetsAt(consumer, partitions, restart.from());
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata current = committed.get(partition);
            long read = current == null ? beginning.get(partition) : current.offset();
            Optional<RestartMarker> waiting = current == null ? Optional.empty()
                    : RestartMarker.parse(current.metadata());
            long readBefore = waiting.map(RestartMarker::readBefore).orElse(read);
            boolean full = restart.full() || waiting.map(RestartMarker::full).orElse(false);
            long start = Math.min(read, requested.get(partition));
            commit.put(partition, new OffsetAndMetadata(start,
                    new RestartMarker(end.get(partition), readBefore, full).metadata()));
        }
        return commit;
    }

    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            offsets.put(partition, offset == null ? end.get(partition) : offset.offset());
        }
        return offsets;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
