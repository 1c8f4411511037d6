package io.scimitar.assignment.support;

import io.scimitar.events.ApplicationEvent;
import io.scimitar.events.ApplicationEventCodec;
import io.scimitar.events.AssignmentTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

/**
 * Reads the application topic from its beginning, for tests: the events of one application in topic order, each
 * record's key and type header checked against its body.
 */
public final class ApplicationTap implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ApplicationEvent> events = new ArrayList<>();

    public ApplicationTap() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                !consumer.partitionsFor(AssignmentTopics.APPLICATION_EVENTS, Duration.ofSeconds(5)).isEmpty());
        List<TopicPartition> partitions = consumer.partitionsFor(AssignmentTopics.APPLICATION_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until {@code count} events of the application arrived and answers them in topic order. */
    public List<ApplicationEvent> await(String applicationId, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return of(applicationId).size() >= count;
        });
        return of(applicationId);
    }

    private List<ApplicationEvent> of(String applicationId) {
        return events.stream().filter(event -> event.applicationId().equals(applicationId)).toList();
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            ApplicationEvent event = ApplicationEventCodec.decode(record.value());
            assertThat(record.key()).isEqualTo(event.applicationId());
            assertThat(new String(record.headers().lastHeader(AssignmentTopics.EVENT_TYPE_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo(event.type());
            events.add(event);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
