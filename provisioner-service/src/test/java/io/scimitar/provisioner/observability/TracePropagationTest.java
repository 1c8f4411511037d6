package io.scimitar.provisioner.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.JSON;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace of the directory's change (its record's {@code traceparent} header) goes on through the provisioner: a
 * span around applying the change, a client span for its SCIM request, and the request's {@code traceparent} header
 * as the Miro mock received it, all in that one trace.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TracePropagationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theScimRequestOfAChangeContinuesTheTraceOfItsRecord() throws Exception {
        String app = newApplication();
        createJob(miroJob(app));
        UserSnapshot user = uniqueUser("Traced", "Change", "T");
        UserAssignmentEvent event = assigned(app, user, 1);

        publishWithTraceparent(event, "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01");

        await().atMost(Duration.ofSeconds(30)).until(() -> miroUsers(user.userPrincipalName()).size() == 1);
        SpanData apply = await().atMost(Duration.ofSeconds(10)).until(() -> span("apply user.assignment",
                user.id()), found -> found != null);
        assertThat(apply.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(apply.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
        assertThat(apply.getKind()).isEqualTo(SpanKind.CONSUMER);
        List<SpanData> scimCalls = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(apply.getSpanId())).toList();
        assertThat(scimCalls).extracting(SpanData::getName).contains("SCIM USERS_CREATE");
        assertThat(scimCalls).allSatisfy(call -> {
            assertThat(call.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        });
        List<String> received = receivedTraceparents();
        for (SpanData call : scimCalls) {
            assertThat(received).contains("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
        }
    }

    private SpanData span(String name, String objectId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name))
                .filter(span -> objectId.equals(span.getAttributes().get(
                        io.opentelemetry.api.common.AttributeKey.stringKey("scimitar.object.id"))))
                .findFirst().orElse(null);
    }

    private static void publishWithTraceparent(UserAssignmentEvent event, String traceparent) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProcessResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(AssignmentTopics.ASSIGNMENT_EVENTS,
                    event.key(), AssignmentEventCodec.encode(event));
            record.headers().add(TraceContexts.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private static List<String> receivedTraceparents() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(MiroMockResource.baseUrl() + "/admin/traceparents")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> values = new ArrayList<>();
        for (JsonNode value : JSON.readTree(response.body())) {
            values.add(value.asText());
        }
        return values;
    }
}
