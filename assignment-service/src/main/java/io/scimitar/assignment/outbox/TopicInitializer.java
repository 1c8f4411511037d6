package io.scimitar.assignment.outbox;

import io.scimitar.events.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics the outbox relays to when they do not exist yet: the assignment topic with the configured
 * partitions, and the application topic compacted ({@code cleanup.policy=compact}: the latest event of each
 * application stays for good).
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final String bootstrapServers;
    private final KafkaConfig config;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    /** Makes sure the topics exist; throws when the broker cannot be reached, so the caller retries. */
    public void ensureTopic() {
        if (!config.createTopic()) {
            return;
        }
        Map<String, Object> properties = new HashMap<>(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(config.topic())) {
                missing.add(new NewTopic(config.topic(), config.partitions(), config.replicationFactor()));
            }
            if (!existing.contains(config.applicationTopic())) {
                missing.add(new NewTopic(config.applicationTopic(), config.applicationPartitions(),
                        config.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            for (NewTopic topic : missing) {
                create(admin, topic);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list the topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Timed out creating the topics", e);
        }
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException,
            java.util.concurrent.TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            LOG.infof("Created topic %s with %d partitions%s", topic.name(), topic.numPartitions(),
                    topic.configs() == null || topic.configs().isEmpty() ? "" : " " + topic.configs());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
            }
        }
    }
}
