package io.scimitar.events;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSecurityTest {

    /** What deploy/kubernetes sets (base/config.yaml and the KafkaUser's sasl.jaas.config). */
    private static final Map<String, String> STRIMZI_SCRAM = Map.of(
            "scimitar.kafka.security.protocol", "SASL_SSL",
            "scimitar.kafka.sasl.mechanism", "SCRAM-SHA-512",
            "scimitar.kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"provisioner-service\" password=\"not-a-real-password\";",
            "scimitar.kafka.ssl.truststore.type", "PEM",
            "scimitar.kafka.ssl.truststore.location", "/etc/scimitar/kafka-ca/ca.crt");

    @Test
    void addsNothingWhenNoneIsSetSoAPlainBrokerWorksAsBefore() {
        // application.properties maps unset environment variables to empty values
        assertThat(KafkaClientSecurity.from(key -> key.equals("scimitar.kafka.security.protocol") ? Optional.of("")
                : Optional.empty())).isEmpty();
    }

    @Test
    void takesTheSaslAndTlsSettingsUnderTheirKafkaNames() {
        Map<String, Object> properties = KafkaClientSecurity.from(key -> Optional.ofNullable(STRIMZI_SCRAM.get(key)));

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/scimitar/kafka-ca/ca.crt")
                .containsKey("sasl.jaas.config")
                .hasSize(5);
    }

    @Test
    void everySettingIsAKnownClientPropertyOfProducerConsumerAndAdmin() {
        assertThat(ProducerConfig.configNames()).containsAll(KafkaClientSecurity.PROPERTIES);
        assertThat(ConsumerConfig.configNames()).containsAll(KafkaClientSecurity.PROPERTIES);
        assertThat(AdminClientConfig.configNames()).containsAll(KafkaClientSecurity.PROPERTIES);
    }

    @Test
    void clientsStartWithScramOverPlaintextAndWithoutSasl() {
        // SASL_SSL needs the cluster's CA file, which only the pod has; SASL_PLAINTEXT runs the same SCRAM login
        Map<String, Object> scram = new HashMap<>(KafkaClientSecurity.from(
                key -> Optional.ofNullable(STRIMZI_SCRAM.get(key))));
        scram.put("security.protocol", "SASL_PLAINTEXT");
        scram.keySet().removeIf(key -> key.startsWith("ssl."));

        for (Map<String, Object> security : java.util.List.of(scram, Map.<String, Object>of())) {
            Map<String, Object> producer = new HashMap<>(security);
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
            try (var client = new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer())) {
                assertThat(client.metrics()).isNotEmpty();
                client.close(Duration.ZERO);
            }
            Map<String, Object> consumer = new HashMap<>(security);
            consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
            consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "scimitar-provisioner-job-test");
            try (var client = new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer())) {
                assertThat(client.metrics()).isNotEmpty();
            }
        }
    }

    @Test
    void aMalformedJaasConfigFailsWhenTheClientIsMade() {
        Map<String, Object> producer = new HashMap<>(KafkaClientSecurity.from(
                key -> Optional.ofNullable(STRIMZI_SCRAM.get(key))));
        producer.put("security.protocol", "SASL_PLAINTEXT");
        producer.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required");
        producer.keySet().removeIf(key -> key.startsWith("ssl."));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");

        assertThatThrownBy(() -> new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()))
                .isInstanceOf(KafkaException.class);
    }

    @Test
    void theTlsSettingsAreReadWhenTheClientIsMade() {
        // the CA file of the pod is not here: the client fails on it, so the settings reached the SSL factory
        Map<String, Object> producer = new HashMap<>(KafkaClientSecurity.from(
                key -> Optional.ofNullable(STRIMZI_SCRAM.get(key))));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");

        assertThatThrownBy(() -> new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()))
                .isInstanceOf(KafkaException.class)
                .rootCause().hasMessageContaining("/etc/scimitar/kafka-ca/ca.crt");
    }
}
