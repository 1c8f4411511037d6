package io.scimitar.provisioner.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimitar.provisioner.secret.EchoingTarget;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Where a job's token may go: a token fit for an HTTP header, https unless insecure HTTP is allowed, the token given
 * again when the URL moves to another server, and no host the target-host policy refuses (at create, replace, Test
 * Connection and every SCIM request); Test Connection answers categories, never the target's body.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class TargetRulesTest {

    @Inject
    Pool database;

    @Test
    void refusesATokenWithALineBreakAndNeverRepeatsIt() {
        String token = "pasted-" + UUID.randomUUID();
        for (String bad : new String[] {token + "\n", " " + token, token + "\u0000x", "short", token + "\u00e9"}) {
            Map<String, Object> job = miroJob(newApplication());
            job.put("secretToken", bad);
            String answer = asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("secretToken")).extract().asString();
            assertThat(answer).doesNotContain(token);
        }
        asAdmin().contentType(ContentType.JSON).body(Map.of("tenantUrl", MiroMockResource.scimUrl(), "secretToken",
                        token + "\r\n", "allowInsecureHttp", true)).post("/api/v1/connection-tests")
                .then().statusCode(400).body("errors[0].field", equalTo("secretToken"));
        assertThat(storedJobsOf(token)).isZero();
    }

    @Test
    void refusesPlainHttpUnlessTheJobAllowsItAndShowsThatItDoes() {
        Map<String, Object> job = miroJob(newApplication());
        job.remove("allowInsecureHttp");
        asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("tenantUrl"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("allowInsecureHttp"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("tenantUrl", MiroMockResource.scimUrl(),
                        "secretToken", MiroMockResource.TOKEN)).post("/api/v1/connection-tests")
                .then().statusCode(400).body("errors[0].field", equalTo("tenantUrl"));
        Map<String, Object> credentialsInUrl = miroJob(newApplication());
        credentialsInUrl.put("tenantUrl", "https://admin:hunter2@scim.example.com/scim");
        asAdmin().contentType(ContentType.JSON).body(credentialsInUrl).post("/api/v1/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("tenantUrl"));

        String allowed = createJob(miroJob(newApplication()));
        asReader().get("/api/v1/jobs/" + allowed).then().body("allowInsecureHttp", equalTo(true));
    }

    @Test
    void asksForTheTokenAgainWhenTheUrlMovesToAnotherServer() {
        try (EchoingTarget listener = new EchoingTarget()) {
            String job = createJob(miroJob(newApplication()));
            Map<String, Object> moved = miroJob(newApplication());
            moved.remove("secretToken");
            moved.put("tenantUrl", listener.url("/scim"));

            asAdmin().contentType(ContentType.JSON).body(moved).put("/api/v1/jobs/" + job)
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("secretToken"));
            asAdmin().post("/api/v1/jobs/" + job + "/test-connection").then().statusCode(200)
                    .body("outcome", equalTo("SUCCESS"));
            assertThat(listener.authorizations()).isEmpty();

            Map<String, Object> otherPath = miroJob(newApplication());
            otherPath.remove("secretToken");
            otherPath.put("tenantUrl", MiroMockResource.scimUrl() + "/");
            asAdmin().contentType(ContentType.JSON).body(otherPath).put("/api/v1/jobs/" + job)
                    .then().statusCode(200).body("secretTokenSet", equalTo(true));

            moved.put("secretToken", "token-for-the-new-server");
            asAdmin().contentType(ContentType.JSON).body(moved).put("/api/v1/jobs/" + job).then().statusCode(200);
            asAdmin().post("/api/v1/jobs/" + job + "/test-connection").then().body("outcome", equalTo("SUCCESS"));
            assertThat(listener.authorizations()).isNotEmpty()
                    .allSatisfy(header -> assertThat(header).isEqualTo("Bearer token-for-the-new-server"));
        }
    }

    @Test
    void refusesTargetsThePolicyDeniesAtCreateReplaceAndTestConnection() {
        for (String url : new String[] {"https://169.254.169.254/scim", "https://10.1.2.3/scim",
                "https://[fe80::1]/scim", "https://0.0.0.0/scim", "https://[::ffff:192.168.1.1]/scim"}) {
            Map<String, Object> job = miroJob(newApplication());
            job.put("tenantUrl", url);
            asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("tenantUrl"));
            asAdmin().contentType(ContentType.JSON).body(Map.of("tenantUrl", url, "secretToken", "some-token-1"))
                    .post("/api/v1/connection-tests").then().statusCode(200)
                    .body("outcome", equalTo("REFUSED_BY_POLICY")).body("checks[0].status", equalTo(0));
        }
        String job = createJob(miroJob(newApplication()));
        Map<String, Object> replaced = miroJob(newApplication());
        replaced.put("tenantUrl", "http://169.254.169.254/scim");
        asAdmin().contentType(ContentType.JSON).body(replaced).put("/api/v1/jobs/" + job)
                .then().statusCode(422).body("errors[0].field", equalTo("tenantUrl"));
    }

    @Test
    void aStoredJobWhoseHostThePolicyRefusesSendsNothing() {
        String app = newApplication();
        Map<String, Object> settings = miroJob(app);
        settings.put("status", "OFF");
        String job = createJob(settings);
        // as a job stored before the policy was tightened, or whose name now resolves to a denied address
        database.preparedQuery("update provisioning_job set tenant_url = $1 where id = $2")
                .execute(Tuple.of("http://169.254.169.254/scim", UUID.fromString(job))).await().indefinitely();
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
        publish(assigned(app, uniqueUser("Refused", "Host", "R"), 1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asReader()
                .get("/api/v1/jobs/" + job + "/logs").then()
                .body("entries[0].status", equalTo("FAILURE"))
                .body("entries[0].errorCode", equalTo("TargetHostRefused")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asReader()
                .get("/api/v1/jobs/" + job + "/progress").then()
                .body("quarantine.reason", equalTo("EncounteredQuarantineException")));
    }

    @Test
    void reportsOutcomesAsCategoriesWithoutTheTargetsAnswer() {
        try (EchoingTarget target = new EchoingTarget()) {
            Response serverError = connectionTest(target.url("/echo500/scim"));
            serverError.then().statusCode(200).body("outcome", equalTo("SERVER_ERROR"))
                    .body("checks[0].status", equalTo(500));
            assertThat(serverError.asString()).doesNotContain("upstream failed");
            Response notScim = connectionTest(target.url("/plain200/scim"));
            notScim.then().body("outcome", equalTo("NON_COMPLIANT"));
            assertThat(notScim.asString()).doesNotContain("hello");
            connectionTest(target.url("/scim")).then().body("outcome", equalTo("SUCCESS"));
        }
        Response portScan = connectionTest("http://127.0.0.1:55432/scim");
        portScan.then().body("outcome", equalTo("UNREACHABLE"));
        assertThat(portScan.asString()).doesNotContain("Connection was closed").doesNotContain("Connection refused");
    }

    private static Response connectionTest(String url) {
        Map<String, Object> body = new HashMap<>(Map.of("tenantUrl", url, "secretToken", "category-token",
                "allowInsecureHttp", true));
        return asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/connection-tests");
    }

    private long storedJobsOf(String token) {
        return database.preparedQuery("select count(*) from provisioning_job p where strpos(p::text, $1) > 0")
                .execute(Tuple.of(token)).await().indefinitely().iterator().next().getLong(0);
    }
}
