package io.scimitar.provisioner.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provisioning log as Graph's {@code GET /auditLogs/provisioning} answers it, checked against the property lists
 * of Graph v1.0's resource pages (provisioningObjectSummary, provisioningStep, provisioningStatusInfo,
 * modifiedProperty, provisionedIdentity, provisioningSystem, initiator) and its list example.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ProvisioningObjectSummaryExportTest {

    static final Set<String> SUMMARY = Set.of("id", "activityDateTime", "tenantId", "jobId", "cycleId", "changeId",
            "provisioningAction", "durationInMilliseconds", "sourceSystem", "targetSystem", "initiatedBy",
            "servicePrincipal", "sourceIdentity", "targetIdentity", "provisioningStatusInfo", "provisioningSteps",
            "modifiedProperties");
    static final Set<String> STEP = Set.of("name", "provisioningStepType", "status", "description", "details");
    static final Set<String> STEP_TYPES = Set.of("import", "scoping", "matching", "processing",
            "referenceResolution", "export");
    static final Set<String> STATUSES = Set.of("success", "warning", "failure", "skipped");
    static final Set<String> ACTIONS = Set.of("create", "update", "delete", "disable", "stagedDelete", "other");
    static final Set<String> IDENTITY = Set.of("id", "displayName", "identityType", "details");
    static final Set<String> SYSTEM = Set.of("id", "displayName", "details");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportsTheLogAsGraphsProvisioningObjectSummaries() throws Exception {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot user = uniqueUser("Graph", "Export", "Logs");
        publish(assigned(app, user, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> asReader().get("/api/v1/jobs/" + job + "/logs")
                .jsonPath().getList("entries").size() == 1);

        JsonNode answer = JSON.readTree(asReader().queryParam("format", "graph")
                .get("/api/v1/jobs/" + job + "/logs/export").then().statusCode(200).contentType("application/json")
                .extract().asString());

        assertThat(fields(answer)).containsExactlyInAnyOrder("@odata.context", "value");
        assertThat(answer.get("@odata.context").asText())
                .isEqualTo("https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning");
        JsonNode summary = answer.get("value").get(0);
        assertThat(fields(summary)).containsExactlyInAnyOrderElementsOf(SUMMARY);
        assertThat(summary.get("provisioningAction").asText()).isEqualTo("create");
        assertThat(summary.get("jobId").asText()).isEqualTo(job);
        assertThat(summary.get("activityDateTime").asText()).endsWith("Z");
        assertThat(summary.get("durationInMilliseconds").isInt()).isTrue();
        assertThat(summary.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(fields(summary.get("provisioningStatusInfo"))).containsExactlyInAnyOrder("status",
                "errorInformation");
        assertThat(summary.at("/provisioningStatusInfo/status").asText()).isEqualTo("success");
        assertThat(summary.at("/provisioningStatusInfo/errorInformation").isNull()).isTrue();
        assertThat(fields(summary.get("initiatedBy"))).containsExactlyInAnyOrder("id", "displayName",
                "initiatorType");
        assertThat(summary.at("/initiatedBy/initiatorType").asText()).isEqualTo("system");
        assertThat(fields(summary.get("servicePrincipal"))).containsExactlyInAnyOrder("id", "displayName");
        assertThat(fields(summary.get("sourceIdentity"))).containsExactlyInAnyOrderElementsOf(IDENTITY);
        assertThat(fields(summary.get("targetIdentity"))).containsExactlyInAnyOrderElementsOf(IDENTITY);
        assertThat(summary.at("/sourceIdentity/id").asText()).isEqualTo(user.id());
        assertThat(summary.at("/targetIdentity/id").asText()).isNotBlank();
        assertThat(fields(summary.get("sourceSystem"))).containsExactlyInAnyOrderElementsOf(SYSTEM);
        assertThat(fields(summary.get("targetSystem"))).containsExactlyInAnyOrderElementsOf(SYSTEM);
        assertThat(summary.get("provisioningSteps")).isNotEmpty().allSatisfy(step -> {
            assertThat(fields(step)).containsExactlyInAnyOrderElementsOf(STEP);
            assertThat(STEP_TYPES).contains(step.get("provisioningStepType").asText());
            assertThat(STATUSES).contains(step.get("status").asText());
            assertThat(step.get("details").isObject()).isTrue();
        });
        assertThat(summary.get("modifiedProperties")).isNotEmpty().allSatisfy(property -> {
            assertThat(fields(property)).containsExactlyInAnyOrder("displayName", "oldValue", "newValue");
            assertThat(property.get("newValue").isTextual() || property.get("newValue").isNull()).isTrue();
        });
        assertThat(summary.get("modifiedProperties").findValuesAsText("newValue"))
                .contains(user.userPrincipalName());
        assertThat(answer.toString()).doesNotContain(MiroMockResource.TOKEN);
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
