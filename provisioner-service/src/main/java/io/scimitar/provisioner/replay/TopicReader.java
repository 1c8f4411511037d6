package io.scimitar.provisioner.replay;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            java.util.function.Consumer<AssignmentEvent> sink) {
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
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
