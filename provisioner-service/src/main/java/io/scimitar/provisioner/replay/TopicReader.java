package io.scimitar.provisioner.replay;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.provisioner.consumer.NewestEvents;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import io.scimitar.provisioner.pipeline.TopicHistory;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads the assignment topic's history outside any job's consumer group: for dry runs and provision on demand. */
@ApplicationScoped
public class TopicReader {

    private final ConsumerSettings settings;
    private final String bootstrapServers;

    public TopicReader(ConsumerSettings settings,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    /** Every readable event whose key passes {@code keys}, in topic order per partition, from {@code from} on. */
    public void scan(Predicate<String> keys, Instant from, Collection<String> onlyPartitionsOfKeys,
            Consumer<AssignmentEvent> sink) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            Set<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .collect(Collectors.toSet());
            if (onlyPartitionsOfKeys != null) {
                Set<Integer> wanted = new HashSet<>();
                onlyPartitionsOfKeys.forEach(key -> wanted.add(partitionOf(key, infos.size())));
                partitions.removeIf(partition -> !wanted.contains(partition.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seek(consumer, partitions, from);
            while (true) {
                boolean done = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (done) {
                    return;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition) || record.key() == null || !keys.test(record.key())) {
                        continue;
                    }
                    try {
                        sink.accept(AssignmentEventCodec.decode(record.value()));
                    } catch (UnsupportedEventException e) {
                        // unreadable events are skipped here as they are by the job runners
                    }
                }
            }
        }
    }

    /**
     * The compacted view of the topic from {@code from} on, as a restart applies it: per object whose key passes
     * {@code keys}, only its newest state event (a user or group, assigned or deleted; the later on equal versions),
     * one partition at a time, in two reads of it (the first notes where each object's newest state is, in
     * {@link NewestEvents}: memory bounded by 64-bit key hashes, not by events). Membership events are not handed on.
     * Answers how many readable events of those keys the topic holds from {@code from} on.
     */
    public long scanNewestStates(Predicate<String> keys, Instant from, Consumer<AssignmentEvent> sink) {
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> start = startOffsets(consumer, partitions, from, end);
            for (TopicPartition partition : partitions) {
                NewestEvents view = new NewestEvents();
                long[] counted = {0};
                readPartition(consumer, partition, start.get(partition), end.get(partition), keys,
                        (record, event) -> {
                            counted[0]++;
                            if (!(event instanceof GroupMembershipEvent)) {
                                view.state(record.key(), record.offset(), event.objectVersion(),
                                        event instanceof UserDeletedEvent || event instanceof GroupDeletedEvent);
                            }
                        });
                read += counted[0];
                if (view.size() > 0) {
                    readPartition(consumer, partition, start.get(partition), end.get(partition), keys,
                            (record, event) -> {
                                if (!(event instanceof GroupMembershipEvent)
                                        && view.isNewestState(record.key(), record.offset())) {
                                    sink.accept(event);
                                }
                            });
                }
            }
        }
        return read;
    }

    /** Reads {@code [from, until)} of one partition, handing each readable event whose key passes {@code keys}. */
    private static void readPartition(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from,
            long until, Predicate<String> keys, BiConsumer<ConsumerRecord<String, byte[]>, AssignmentEvent> sink) {
        // unreadable events are skipped here as they are by the job runners
        TopicHistory.read(consumer, partition, from, until, keys, () -> true, (record, event) -> {
            if (event != null) {
                sink.accept(record, event);
            }
        });
    }

    /** Where each partition's history from {@code from} starts (its beginning when {@code from} is null). */
    private static Map<TopicPartition, Long> startOffsets(KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions, Instant from, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> start = new HashMap<>();
        if (from == null) {
            start.putAll(consumer.beginningOffsets(partitions));
            return start;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            start.put(partition, offset == null ? end.get(partition) : offset.offset());
        }
        return start;
    }

    /** The partition Kafka's default partitioner gives {@code key}. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void seek(KafkaConsumer<String, byte[]> consumer, Set<TopicPartition> partitions, Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(TopicHistory.readerProperties(properties), new StringDeserializer(),
                new ByteArrayDeserializer());
    }
}
