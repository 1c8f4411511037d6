package io.scimitar.assignment.infrastructure;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class RealInfrastructureTest {

    @Inject
    Pool database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void talksToARealPostgresServer() {
        Row row = database.query("select version() as v, current_database() as db").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(row.getString("v")).startsWith("PostgreSQL");
        assertThat(row.getString("db")).isEqualTo("scimitar");
    }

    @Test
    void talksToARealKafkaBroker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void publishesTheOpenApiDocumentOfTheApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/users"))
                .body(org.hamcrest.Matchers.containsString("/api/v1/applications/{id}/resnapshot"));
        // the user and group bodies are described from their attribute lists
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.UserRequest.properties.jobTitle.maxLength", equalTo(256))
                .body("components.schemas.UserResponse.properties.version.type", equalTo("integer"))
                .body("components.schemas.GroupRequest.required", org.hamcrest.Matchers.contains("displayName"));
    }

    @Test
    void isReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
