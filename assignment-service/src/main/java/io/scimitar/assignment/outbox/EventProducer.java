package io.scimitar.assignment.outbox;

import io.scimitar.events.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The idempotent Kafka producer of the relay (acks=all, enable.idempotence=true, at most 5 requests in flight, so a
 * partition keeps the order records were sent in). It never gives up on a record by itself: during a broker outage
 * {@code send} waits for metadata and queued records are retried until the broker is back, because a record that
 * failed while a later one of the same key succeeded would reorder that key. The relay discards the producer and
 * takes a fresh one after a real failure, and on shutdown.
 */
@ApplicationScoped
public class EventProducer {

    private final String bootstrapServers;
    private final KafkaConfig config;
    private volatile KafkaProducer<String, byte[]> producer;

    public EventProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer().send(record);
    }

    /** Closes the current producer without waiting; the next send creates a new one. */
    public synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(properties(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "scimitar-assignment-outbox");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE);
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return p;
    }
}
