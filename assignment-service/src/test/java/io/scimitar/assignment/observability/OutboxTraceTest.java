package io.scimitar.assignment.observability;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.assignment.outbox.OutboxRelay;
import io.scimitar.assignment.support.Api;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A REST change's trace reaches Kafka: the outbox row keeps the traceparent of the request that wrote it and the
 * relay sends it in the record's headers, in the trace of the request's server span.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class OutboxTraceTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theRecordOfAPatchCarriesTheTraceOfThePatch() {
        String app = Api.createApplication("Traced changes");
        String user = Api.createUser("traced");
        Api.assign(app, user);
        try (KafkaConsumer<String, byte[]> consumer = atTheEnd()) {
            given().contentType(ContentType.JSON).header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                    .body(Map.of("city", "Tracedville")).patch("/api/v1/users/" + user).then().statusCode(200);

            String traceparent = await().atMost(Duration.ofSeconds(30))
                    .until(() -> traceparentOf(consumer, app + "/" + user, "Tracedville"), value -> value != null);

            SpanData server = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems()
                    .stream().filter(span -> span.getKind() == SpanKind.SERVER)
                    .filter(span -> span.getTraceId().equals(TRACE_ID)).findFirst().orElse(null), span -> span != null);
            assertThat(traceparent).startsWith("00-" + TRACE_ID + "-");
            assertThat(traceparent.split("-")[2]).isEqualTo(server.getSpanId());
            // no span per SQL statement unless asked for (quarkus.otel.instrument.vertx-sql-client)
            assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getTraceId().equals(TRACE_ID))
                    .noneMatch(span -> span.getAttributes().asMap().keySet().stream()
                            .anyMatch(key -> key.getKey().startsWith("db.")));
        }
    }

    @Test
    void aRequestWithoutATraceparentStartsATraceItsRecordCarries() {
        String app = Api.createApplication("Untraced changes");
        String user = Api.createUser("untraced");
        try (KafkaConsumer<String, byte[]> consumer = atTheEnd()) {
            Api.assign(app, user);

            ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30))
                    .until(() -> recordOf(consumer, app + "/" + user), found -> found != null);

            // a request is always traced (its own trace when the caller sent none); its record says so
            assertThat(record.headers().lastHeader(OutboxRelay.TRACEPARENT_HEADER)).isNotNull();
        }
    }

    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private String traceparentOf(KafkaConsumer<String, byte[]> consumer, String key, String payloadText) {
        ConsumerRecord<String, byte[]> record = recordOf(consumer, key);
        if (record == null || !new String(record.value(), StandardCharsets.UTF_8).contains(payloadText)) {
            return null;
        }
        Header header = record == null ? null : record.headers().lastHeader(OutboxRelay.TRACEPARENT_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private ConsumerRecord<String, byte[]> recordOf(KafkaConsumer<String, byte[]> consumer, String key) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(record -> key.equals(record.key())).reduce((first, last) -> last).orElse(null);
    }

    private static KafkaConsumer<String, byte[]> atTheEnd() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(AssignmentTopics.ASSIGNMENT_EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
