package io.scimitar.assignment.outbox;

import io.scimitar.events.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the assignment topic with the configured partitions when it does not exist yet. */
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

    /** Makes sure the topic exists; throws when the broker cannot be reached, so the caller retries. */
    public void ensureTopic() {
        if (!config.createTopic()) {
            return;
        }
        Map<String, Object> properties = new HashMap<>(KafkaClientSecurity.fromConfig(ConfigProvider.getConfig()));
        properties.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        try (Admin admin = Admin.create(properties)) {
            if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(config.topic())) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(config.topic(), config.partitions(),
                    config.replicationFactor()))).all().get(10, TimeUnit.SECONDS);
            LOG.infof("Created topic %s with %d partitions", config.topic(), config.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + config.topic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + config.topic(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + config.topic(), e);
        }
    }
}
