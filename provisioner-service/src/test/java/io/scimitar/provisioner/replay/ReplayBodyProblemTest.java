package io.scimitar.provisioner.replay;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad bodies of restart, dry run and provision on demand are RFC 9457 problems naming the field in plain words. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ReplayBodyProblemTest {

    @Test
    void aBadFromInRestartNamesTheFieldAndTheExpectedFormat() {
        String job = createJob(miroJob(newApplication()));

        for (String body : new String[] {"{\"from\": \"yesterday\"}", "{\"from\": \"2026-13-45\"}",
                "{\"from\": 12}"}) {
            String answer = refused(asAdmin().contentType(ContentType.JSON).body(body)
                    .post("/api/v1/jobs/" + job + "/restart").then(), "from")
                    .body("errors[0].message", containsString("ISO-8601 instant")).extract().asString();
            assertThat(answer).doesNotContain("java.").doesNotContain("Instant`").doesNotContain("Cannot deserialize")
                    .doesNotContain("Text '");
        }
        refused(asAdmin().contentType(ContentType.JSON).body("{\"full\": \"yes\"}")
                .post("/api/v1/jobs/" + job + "/restart").then(), "full");
        asAdmin().contentType(ContentType.TEXT).body("{\"from\": \"yesterday\"}")
                .post("/api/v1/jobs/" + job + "/restart").then().statusCode(415)
                .contentType("application/problem+json").body("detail", containsString("application/json"));
    }

    @Test
    void badBodiesOfOnDemandAndDryRunNameTheirField() {
        String job = createJob(miroJob(newApplication()));

        refused(asAdmin().contentType(ContentType.JSON).body("{\"userId\": 5}")
                .post("/api/v1/jobs/" + job + "/provision-on-demand").then(), "userId");
        refused(asAdmin().contentType(ContentType.JSON).body("{\"userId\": \"a\", \"nope\": 1}")
                .post("/api/v1/jobs/" + job + "/provision-on-demand").then(), "nope");
        refused(asAdmin().queryParam("from", "yesterday").post("/api/v1/jobs/" + job + "/dry-run").then(), "from");
    }

    private static ValidatableResponse refused(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors[0].field", equalTo(field));
    }
}
