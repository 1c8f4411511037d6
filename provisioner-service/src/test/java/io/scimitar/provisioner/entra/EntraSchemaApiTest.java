package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class EntraSchemaApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsAJobFromEntrasMiroSchemaWithTheTokenGivenApart() {
        Map<String, Object> connection = miroJob(newApplication());
        connection.put("status", "OFF");

        Response created = importSchema(connection, EntraSchemas.load(EntraSchemas.MIRO_GALLERY));

        created.then().statusCode(201).header("Location", containsString("/api/v1/jobs/"))
                .body("job.secretTokenSet", equalTo(true))
                .body("job.users.mappings", hasSize(6))
                .body("job.users.mappings[0].source", equalTo("userPrincipalName"))
                .body("job.users.mappings[0].matching", equalTo(true))
                .body("job.groups.create", equalTo(false))
                .body("job.groups.delete", equalTo(false))
                .body("report", hasSize(0));
        String id = created.path("job.id");
        asReader().get("/api/v1/jobs/" + id).then().statusCode(200).body("name", equalTo(connection.get("name")));
        assertThat(asReader().get("/api/v1/jobs/" + id + "/entra-schema").then().statusCode(200).extract().asString())
                .doesNotContain(MiroMockResource.TOKEN);
    }

    @Test
    void refusesAnUnreadableDocumentNamingItsPointerAndCreatesNothing() {
        JsonNode schema = EntraSchemas.load(EntraSchemas.MIRO_GALLERY);
        ((ObjectNode) schema.at("/synchronizationRules/0/objectMappings/0/attributeMappings/1/source"))
                .put("expression", "Switch([IsSoftDeleted], \"False\"");
        int before = jobCount();

        importSchema(miroJob(newApplication()), schema).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(
                        "/synchronizationRules/0/objectMappings/0/attributeMappings/1/source/expression"))
                .body("errors[0].position", org.hamcrest.Matchers.notNullValue());

        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void namesTheDocumentPointerOfARuleTheJobApiRefuses() {
        JsonNode schema = EntraSchemas.load(EntraSchemas.MIRO_GALLERY);
        ((ObjectNode) schema.at("/synchronizationRules/0/objectMappings/0/attributeMappings/3/source"))
                .put("type", "Function").put("expression", "SelectUniqueValue([mail], [userPrincipalName])");
        int before = jobCount();

        importSchema(miroJob(newApplication()), schema).then().statusCode(400)
                .body("errors[0].field", equalTo("/synchronizationRules/0/objectMappings/0/attributeMappings/3"));

        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void refusesMappingsInTheConnectionAndAMissingProfile() {
        Map<String, Object> connection = miroJob(newApplication());
        connection.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true,
                "mappings", List.of()));
        importSchema(connection, EntraSchemas.load(EntraSchemas.MIRO_GALLERY)).then().statusCode(400)
                .body("errors[0].field", equalTo("connection.users"));

        Map<String, Object> noProfile = miroJob(newApplication());
        noProfile.remove("profile");
        importSchema(noProfile, EntraSchemas.load(EntraSchemas.MIRO_GALLERY)).then().statusCode(400)
                .body("errors[0].field", equalTo("connection.profile"));
    }

    @Test
    void replacesAJobsRulesFromASchemaKeepingItsConnection() {
        Map<String, Object> connection = miroJob(newApplication());
        connection.put("status", "OFF");
        String id = createJob(connection);
        String etag = asReader().get("/api/v1/jobs/" + id).then().extract().header("ETag");

        asAdmin().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("synchronizationSchema", EntraSchemas.load(EntraSchemas.GENERIC_SCIM)))
                .put("/api/v1/jobs/" + id + "/entra-schema").then().statusCode(200)
                .body("job.tenantUrl", equalTo(MiroMockResource.scimUrl()))
                .body("job.secretTokenSet", equalTo(true))
                .body("job.users.scopingFilters", hasSize(2))
                .body("job.groups.create", equalTo(false))
                .body("report.findAll { it.pointer == '/synchronizationRules/0/objectMappings/1/flowTypes' }.item",
                        equalTo(List.of("Add (create groups)", "Delete (delete groups)")));

        asAdmin().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("synchronizationSchema", EntraSchemas.load(EntraSchemas.MIRO_GALLERY)))
                .put("/api/v1/jobs/" + id + "/entra-schema").then().statusCode(412);
    }

    @Test
    void anExportedJobImportsBackIntoTheSameConfiguration() throws Exception {
        Map<String, Object> connection = miroJob(newApplication());
        connection.put("profile", "GENERIC_SCIM");
        connection.put("status", "OFF");
        String first = importSchema(connection, EntraSchemas.load(EntraSchemas.GENERIC_SCIM)).then().statusCode(201)
                .extract().path("job.id");
        JsonNode exported = JSON.readTree(asReader().get("/api/v1/jobs/" + first + "/entra-schema").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString());

        Map<String, Object> again = miroJob(newApplication());
        again.put("profile", "GENERIC_SCIM");
        again.put("status", "OFF");
        String second = importSchema(again, exported).then().statusCode(201).extract().path("job.id");

        assertThat(JSON.readTree(asReader().get("/api/v1/jobs/" + second + "/entra-schema").asString()))
                .isEqualTo(exported);
        JsonNode firstJob = JSON.readTree(asReader().get("/api/v1/jobs/" + first).asString());
        JsonNode secondJob = JSON.readTree(asReader().get("/api/v1/jobs/" + second).asString());
        assertThat(secondJob.get("users")).isEqualTo(firstJob.get("users"));
        assertThat(secondJob.get("groups")).isEqualTo(firstJob.get("groups"));
    }

    @Test
    void aNewMiroJobStartsFromEntrasMiroApplicationMappings() throws Exception {
        Map<String, Object> connection = miroJob(newApplication());
        connection.put("status", "OFF");
        String id = createJob(connection);

        assertThat(JSON.readTree(asReader().get("/api/v1/jobs/" + id + "/entra-schema").asString()))
                .isEqualTo(EntraSchemas.load(EntraSchemas.MIRO_GALLERY));
    }

    static Response importSchema(Map<String, Object> connection, JsonNode schema) {
        Map<String, Object> body = new HashMap<>();
        body.put("connection", connection);
        body.put("synchronizationSchema", JSON.convertValue(schema, Map.class));
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/jobs/entra-schema");
    }

    private static int jobCount() {
        return asReader().get("/api/v1/jobs").then().extract().jsonPath().getList("$").size();
    }
}
