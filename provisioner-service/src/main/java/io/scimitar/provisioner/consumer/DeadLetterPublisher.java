package io.scimitar.provisioner.consumer;

import io.quarkus.runtime.ShutdownEvent;
import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Sends events a job cannot read (malformed, unknown type or schema version) to the dead-letter topic, with the reason
 * and where they came from in headers, so that consumption goes on and nothing is silently dropped.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON_HEADER = "scimitar-dlq-reason";
    public static final String JOB_HEADER = "scimitar-dlq-job";
    public static final String ORIGIN_HEADER = "scimitar-dlq-origin";

    private final String bootstrapServers;
    private final String topic;
    private volatile KafkaProducer<String, byte[]> producer;

    public DeadLetterPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ConsumerSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.topic = settings.topic() + ".dlq";
    }

    public String topic() {
        return topic;
    }

    /** Publishes the record and waits for the broker's acknowledgement. */
    public void publish(UUID jobId, ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(JOB_HEADER, jobId.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN_HEADER, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering an event", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not dead-letter an unreadable event: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> properties = new HashMap<>(
                            KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
                    properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
                    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    void close(@Observes ShutdownEvent shutdown) {
        if (producer != null) {
            producer.close();
        }
    }
}
