package io.scimitar.events;

import org.eclipse.microprofile.config.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The TLS and SASL settings every Kafka client of both services adds to its own: {@code scimitar.kafka.<client
 * property>} in configuration (the {@code SCIMITAR_KAFKA_*} environment variables, see the services'
 * application.properties), only those set, so a broker without TLS or SASL needs none of them. Not {@code kafka.*}:
 * Quarkus' Kafka extension reads those at build time.
 */
public final class KafkaClientSecurity {

    /** Where the settings are in configuration: this, then the Kafka client property name. */
    public static final String PREFIX = "scimitar.kafka.";

    /** The Kafka client properties taken from configuration, each under {@link #PREFIX}. */
    public static final List<String> PROPERTIES = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password",
            "ssl.endpoint.identification.algorithm");

    private KafkaClientSecurity() {
    }

    /** The settings found in {@code config} (MicroProfile Config, as the services have it). */
    public static Map<String, Object> fromConfig(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    /** The settings {@code lookup} has a non-blank value for, keyed by their Kafka client property name. */
    public static Map<String, Object> from(Function<String, Optional<String>> lookup) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String property : PROPERTIES) {
            lookup.apply(PREFIX + property).map(String::trim).filter(value -> !value.isEmpty())
                    .ifPresent(value -> properties.put(property, value));
        }
        return properties;
    }
}
