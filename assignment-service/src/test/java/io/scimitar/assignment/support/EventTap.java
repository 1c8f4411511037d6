package io.scimitar.assignment.support;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.EventKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the assignment topic from the moment it is opened, for tests: collects the events of the applications a
 * test cares about and checks each record's key and headers against its body on the way.
 */
public final class EventTap implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Predicate<AssignmentEvent> keep;
    private final List<AssignmentEvent> events = new ArrayList<>();
    private long dropped;

    private EventTap(KafkaConsumer<String, byte[]> consumer, Predicate<AssignmentEvent> keep) {
        this.consumer = consumer;
        this.keep = keep;
    }

    /** Opens a tap positioned at the current end of every partition. */
    public static EventTap open() {
        return open(event -> true);
    }

    /**
     * Opens a tap that keeps only the events {@code keep} accepts (for large volumes) and merely counts the others.
     */
    public static EventTap open(Predicate<AssignmentEvent> keep) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        awaitTopic(bootstrap);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(AssignmentTopics.ASSIGNMENT_EVENTS)) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return new EventTap(consumer, keep);
    }

    /** The number of partitions of the assignment topic. */
    public int partitionCount() {
        return consumer.assignment().size();
    }

    /** Waits until {@code count} events match, then returns every matching event read so far, in topic order. */
    public List<AssignmentEvent> await(Predicate<AssignmentEvent> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<AssignmentEvent> matching = events.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " matching events within " + timeout + " but got "
                        + matching.size() + ": " + matching.stream().limit(20).map(AssignmentEventCodec::encodeToString)
                        .toList());
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Reads for a while and returns every matching event: for asserting that something did not happen. */
    public List<AssignmentEvent> settle(Predicate<AssignmentEvent> filter, Duration quietPeriod) {
        long deadline = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return events.stream().filter(filter).toList();
    }

    /** Waits until at least {@code count} events were read but not kept. */
    public void awaitDropped(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (dropped < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " events within " + timeout + " but got " + dropped);
            }
            poll(Duration.ofMillis(200));
        }
    }

    public long dropped() {
        return dropped;
    }

    public static Predicate<AssignmentEvent> forApplication(String applicationId) {
        return event -> event.applicationId().equals(applicationId);
    }

    public static Predicate<AssignmentEvent> about(String applicationId, String objectId) {
        return event -> event.applicationId().equals(applicationId) && event.objectId().equals(objectId);
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            AssignmentEvent event = AssignmentEventCodec.decode(record.value());
            if (!record.key().equals(EventKeys.key(event.applicationId(), event.objectId()))) {
                throw new AssertionError("Record key " + record.key() + " does not match its event " + event);
            }
            Header type = record.headers().lastHeader(AssignmentTopics.EVENT_TYPE_HEADER);
            if (type == null || !new String(type.value(), StandardCharsets.UTF_8).equals(event.type())) {
                throw new AssertionError("Record type header does not match its event " + event);
            }
            if (keep.test(event)) {
                events.add(event);
            } else {
                dropped++;
            }
        }
    }

    private static void awaitTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!admin.listTopics().names().get().contains(AssignmentTopics.ASSIGNMENT_EVENTS)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The service did not create " + AssignmentTopics.ASSIGNMENT_EVENTS);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
