package io.scimitar.provisioner.pipeline;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UnsupportedEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads of the assignment topic's history, up to offsets known before the read (a restart's compacted view, a dry
 * run, provision on demand), one partition range at a time.
 */
public final class TopicHistory {

    /**
     * How long the broker may hold a fetch of a history read for records that are not there yet. A history read
     * stops at offsets it knows, so it never waits for new records; but the consumer fetches ahead, and the fetch left
     * open at the end of one partition holds the first fetch of the next until it is answered: with Kafka's default
     * of 500 ms, every partition read cost half a second (20 s for a restart over 8 partitions, whatever their size).
     */
    static final Duration FETCH_MAX_WAIT = Duration.ofMillis(10);

    private TopicHistory() {
    }

    /** {@code properties} with what a consumer reading history needs on top. */
    public static Map<String, Object> readerProperties(Map<String, Object> properties) {
        Map<String, Object> reader = new HashMap<>(properties);
        reader.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) FETCH_MAX_WAIT.toMillis());
        return reader;
    }

    /**
     * Reads {@code [from, until)} of one partition while {@code running}, handing on each record whose key passes
     * {@code keys} with its event, or with null when the event cannot be read (an unknown type or schema version).
     */
    public static void read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long until,
            Predicate<String> keys, BooleanSupplier running,
            BiConsumer<ConsumerRecord<String, byte[]>, AssignmentEvent> sink) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        while (consumer.position(partition) < until && running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() >= until || record.key() == null || !keys.test(record.key())) {
                    continue;
                }
                AssignmentEvent event;
                try {
                    event = AssignmentEventCodec.decode(record.value());
                } catch (UnsupportedEventException e) {
                    event = null;
                }
                sink.accept(record, event);
            }
        }
    }
}
