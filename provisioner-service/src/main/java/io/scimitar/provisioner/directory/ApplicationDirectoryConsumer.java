package io.scimitar.provisioner.directory;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scimitar.events.KafkaClientSecurity;
import io.scimitar.events.ApplicationDeletedEvent;
import io.scimitar.events.ApplicationEvent;
import io.scimitar.events.ApplicationEventCodec;
import io.scimitar.events.UnsupportedEventException;
import io.scimitar.provisioner.pipeline.ConsumerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills {@code known_application} from the application topic: one consumer group shared by every instance, read from
 * the beginning the first time (the topic is compacted, so that is the latest event of every application), offsets
 * committed only once a poll's events are stored. Waits for the topic (created by assignment-service) without
 * creating it. An unreadable record is logged and skipped; a database failure reads the poll again after a pause.
 */
@ApplicationScoped
public class ApplicationDirectoryConsumer {

    private static final Logger LOG = Logger.getLogger(ApplicationDirectoryConsumer.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private final KnownApplicationRepository applications;
    private final DirectorySettings directory;
    private final ConsumerSettings settings;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ApplicationDirectoryConsumer(KnownApplicationRepository applications, DirectorySettings directory,
            ConsumerSettings settings, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.applications = applications;
        this.directory = directory;
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "application-directory");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                awaitTopic(kafka);
                kafka.subscribe(List.of(directory.topic()));
                while (running) {
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        consume(kafka, records);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.warnf("Reading the application topic %s failed, starting again: %s", directory.topic(),
                        e.getMessage());
                pause();
            }
        }
    }

    private void consume(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ApplicationEvent event;
            try {
                event = ApplicationEventCodec.decode(record.value());
            } catch (UnsupportedEventException e) {
                LOG.warnf("Skipped an unreadable application event at %s-%d@%d: %s", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
                continue;
            }
            try {
                boolean newer = applications.apply(event).await().atMost(STORE_TIMEOUT);
                if (newer && event instanceof ApplicationDeletedEvent) {
                    announceDeletion(event);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Cannot store application %s (%s); reading it again in %d ms", event.applicationId(),
                        e.getMessage(), settings.retryBackoff().toMillis());
                rewind(kafka, records);
                pause();
                return;
            }
        }
        kafka.commitSync();
    }

    private void announceDeletion(ApplicationEvent event) {
        List<UUID> jobs = applications.jobsOf(event.applicationId()).await().atMost(STORE_TIMEOUT);
        if (jobs.isEmpty()) {
            LOG.infof("Application %s (%s) was deleted from the directory", event.applicationId(),
                    event.displayName());
        } else {
            LOG.warnf("Application %s (%s) was deleted from the directory: jobs %s provisioning it receive no more "
                    + "events; the accounts they provisioned stay in the target as they are. Delete the jobs or "
                    + "point them at another application", event.applicationId(), event.displayName(), jobs);
        }
    }

    private void awaitTopic(KafkaConsumer<String, byte[]> kafka) {
        boolean said = false;
        while (running && !kafka.listTopics(Duration.ofSeconds(10)).containsKey(directory.topic())) {
            if (!said) {
                LOG.infof("Waiting for the application topic %s (assignment-service creates it)", directory.topic());
                said = true;
            }
            pause();
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(kafka::seek);
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.putAll(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, directory.consumerGroup());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "scimitar-application-directory");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the topic is assignment-service's, compacted: never let a consumer create it with the broker's defaults
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(1000, settings.sessionTimeout().toMillis() / 3));
        return properties;
    }

    private void pause() {
        try {
            Thread.sleep(settings.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
