package io.scimitar.provisioner.job;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroSettings;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class JobApiTest {

    @Test
    void refusesAnonymousCallersAndReadersThatWrite() {
        given().get("/api/v1/jobs").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").get("/api/v1/jobs").then().statusCode(401);
        asReader().get("/api/v1/jobs").then().statusCode(200);
        asReader().contentType(ContentType.JSON).body(miroJob(newApplication())).post("/api/v1/jobs")
                .then().statusCode(403);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void neverShowsTheSecretToken() {
        String job = createJob(miroJob(newApplication()));

        String body = asReader().get("/api/v1/jobs/" + job).then().statusCode(200)
                .body("secretTokenSet", equalTo(true))
                .body("$", not(hasKey("secretToken")))
                .extract().asString();

        assertThat(body).doesNotContain(MiroMockResource.TOKEN);
        assertThat(asReader().get("/api/v1/jobs").asString()).doesNotContain(MiroMockResource.TOKEN);
    }

    @Test
    void rejectsAnInvalidExpressionWithItsPositionAndSavesNothing() {
        Map<String, Object> job = miroJob(newApplication());
        job.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true,
                "mappings", List.of(
                        Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName",
                                "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1),
                        Map.of("type", "EXPRESSION", "source", "Join(\" \", [givenName]", "target", "displayName",
                                "applyOn", "ALWAYS", "matching", false, "matchingPrecedence", 0))));
        int before = asReader().get("/api/v1/jobs").then().extract().jsonPath().getList("$").size();

        asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("users.mappings[1]"))
                .body("errors[0].position", org.hamcrest.Matchers.notNullValue());

        assertThat(asReader().get("/api/v1/jobs").then().extract().jsonPath().getList("$")).hasSize(before);
    }

    @Test
    void refusesAnUnknownWhenEmptyAndAClearOfAMatchingAttribute() {
        Map<String, Object> job = miroJob(newApplication());
        job.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true,
                "mappings", List.of(
                        Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName",
                                "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1, "whenEmpty", "CLEAR"),
                        Map.of("type", "DIRECT", "source", "jobTitle", "target", "title", "applyOn", "ALWAYS",
                                "matching", false, "matchingPrecedence", 0, "whenEmpty", "IGNORE"),
                        Map.of("type", "DIRECT", "source", "department", "target", "department", "applyOn", "ALWAYS",
                                "matching", false, "matchingPrecedence", 0, "whenEmpty", "keep"))));

        asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(2))
                .body("errors[0].field", equalTo("users.mappings[0].whenEmpty"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("matching attribute"))
                .body("errors[1].field", equalTo("users.mappings[1].whenEmpty"))
                .body("errors[1].message", org.hamcrest.Matchers.containsString("CLEAR"));
    }

    @Test
    void carriesMirosRateLimitsUnlessTheJobChangesThem() {
        String miro = createJob(miroJob(newApplication()));
        asReader().get("/api/v1/jobs/" + miro).then().statusCode(200)
                .body("rateLimits.enabled", equalTo(true))
                .body("rateLimits.windowSeconds", equalTo(30))
                .body("rateLimits.effectiveBudgets.USERS_CREATE", equalTo(200))
                .body("rateLimits.effectiveBudgets.USERS_DELETE", equalTo(20))
                .body("rateLimits.effectiveBudgets.GROUPS_QUERY", equalTo(5))
                .body("rateLimits.effectiveBudgets.GROUPS_PATCH_LARGE", equalTo(5));

        Map<String, Object> faster = miroJob(newApplication());
        faster.put("rateLimits", Map.of("windowSeconds", 60, "budgets", Map.of("USERS_CREATE", 1000)));
        String custom = createJob(faster);
        asReader().get("/api/v1/jobs/" + custom).then().statusCode(200)
                .body("rateLimits.windowSeconds", equalTo(60))
                .body("rateLimits.effectiveBudgets.USERS_CREATE", equalTo(1000))
                .body("rateLimits.effectiveBudgets.USERS_PATCH", equalTo(100));

        Map<String, Object> off = miroJob(newApplication());
        off.put("rateLimits", Map.of("enabled", false));
        asReader().get("/api/v1/jobs/" + createJob(off)).then().statusCode(200)
                .body("rateLimits.enabled", equalTo(false))
                .body("rateLimits.effectiveBudgets.size()", equalTo(0));
    }

    @Test
    void rejectsImpossibleRateLimitsAndUnknownRequestClasses() {
        Map<String, Object> job = miroJob(newApplication());
        job.put("rateLimits", Map.of("windowSeconds", 0, "budgets", Map.of("USERS_CREATE", 0)));
        asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("rateLimits.windowSeconds",
                        "rateLimits.budgets.USERS_CREATE"));
        job.put("rateLimits", Map.of("budgets", Map.of("USERS_TELEPORT", 5)));
        asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsMalformedAndIncompleteJobsWithProblemDetails() {
        asAdmin().contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json");
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "x", "profile", "MIRO")).post("/api/v1/jobs")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("applicationId", "tenantUrl", "secretToken"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "x", "profile", "NOPE")).post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void guardsAgainstLostUpdatesWithIfMatch() {
        String job = createJob(miroJob(newApplication()));
        Map<String, Object> changed = miroJob(newApplication());
        changed.remove("secretToken");

        asAdmin().contentType(ContentType.JSON).header("If-Match", "\"999\"").body(changed)
                .put("/api/v1/jobs/" + job).then().statusCode(412);
        String etag = asReader().get("/api/v1/jobs/" + job).header("ETag");
        asAdmin().contentType(ContentType.JSON).header("If-Match", etag).body(changed).put("/api/v1/jobs/" + job)
                .then().statusCode(200).body("secretTokenSet", equalTo(true));
    }

    @Test
    void testsAConnectionLikeEntra() throws IOException {
        connectionTest(MiroMockResource.scimUrl(), MiroMockResource.TOKEN)
                .then().statusCode(200).body("success", equalTo(true)).body("outcome", equalTo("SUCCESS"))
                .body("checks[0].request", org.hamcrest.Matchers.startsWith("GET Users?filter=userName eq \""));
        connectionTest(MiroMockResource.scimUrl(), "wrong-token").then().body("outcome", equalTo("UNAUTHORIZED"));
        connectionTest(MiroMockResource.baseUrl() + "/api/v1/nothing-here", MiroMockResource.TOKEN)
                .then().body("outcome", equalTo("NOT_FOUND"));
        connectionTest("https://127.0.0.1:" + java.net.URI.create(MiroMockResource.baseUrl()).getPort()
                + "/api/v1/scim", MiroMockResource.TOKEN).then().body("outcome", equalTo("TLS_ERROR"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        connectionTest("http://127.0.0.1:" + closed + "/scim", MiroMockResource.TOKEN)
                .then().body("outcome", equalTo("UNREACHABLE"));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            connectionTest("http://127.0.0.1:" + silent.getLocalPort() + "/scim", MiroMockResource.TOKEN)
                    .then().body("outcome", equalTo("TIMEOUT"));
        }
        miroSettings("{\"scimEnabled\":false}");
        try {
            connectionTest(MiroMockResource.scimUrl(), MiroMockResource.TOKEN)
                    .then().body("outcome", equalTo("FORBIDDEN"));
        } finally {
            miroSettings("{\"scimEnabled\":true}");
        }
        String job = createJob(miroJob(newApplication()));
        asAdmin().post("/api/v1/jobs/" + job + "/test-connection").then().statusCode(200)
                .body("outcome", equalTo("SUCCESS"));
    }

    @Test
    void queriesPagesAndExportsTheProvisioningLog() throws IOException {
        String app = newApplication();
        String job = createJob(miroJob(app));
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserSnapshot user = uniqueUser("Log", "User" + i, "Logs");
            users.add(user);
            publish(assigned(app, user, 1));
        }
        publish(unassigned(app, users.get(0), 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> asReader().get("/api/v1/jobs/" + job + "/logs")
                .jsonPath().getList("entries").size() == 6);

        asReader().queryParam("action", "create").queryParam("limit", 2).get("/api/v1/jobs/" + job + "/logs")
                .then().statusCode(200).body("entries.size()", equalTo(2))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        Response page1 = asReader().queryParam("limit", 4).get("/api/v1/jobs/" + job + "/logs");
        Long cursor = page1.jsonPath().getLong("nextCursor");
        asReader().queryParam("limit", 4).queryParam("cursor", cursor).get("/api/v1/jobs/" + job + "/logs")
                .then().body("entries.size()", equalTo(2)).body("nextCursor", org.hamcrest.Matchers.nullValue());
        asReader().queryParam("identity", users.get(0).userPrincipalName()).get("/api/v1/jobs/" + job + "/logs")
                .then().body("entries.size()", equalTo(2)).body("entries[0].action", equalTo("DISABLE"));
        asReader().queryParam("status", "failure").get("/api/v1/jobs/" + job + "/logs")
                .then().body("entries.size()", equalTo(0));
        asReader().queryParam("from", "yesterday").get("/api/v1/jobs/" + job + "/logs")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));

        String csv = asReader().get("/api/v1/jobs/" + job + "/logs/export").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("Id,Date (UTC),Job ID,Cycle ID,Change ID");
        assertThat(csv).contains(users.get(3).userPrincipalName());
        byte[] zip = asReader().queryParam("format", "entra").get("/api/v1/jobs/" + job + "/logs/export")
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        Map<String, String> files = unzip(zip);
        assertThat(files).containsOnlyKeys("ProvisioningLogs.csv", "ProvisioningLogs_ProvisioningSteps.csv",
                "ProvisioningLogs_ModifiedProperties.csv");
        assertThat(files.get("ProvisioningLogs.csv").lines()).hasSize(7);
        assertThat(files.get("ProvisioningLogs_ModifiedProperties.csv")).contains("userName");
    }

    @Test
    void showsLiveProgress() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        publish(assigned(app, uniqueUser("Progress", "One", "P"), 1), assigned(app, uniqueUser("Progress", "Two",
                "P"), 1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asReader().get("/api/v1/jobs/" + job
                + "/progress").then().statusCode(200).body("eventsProcessed", equalTo(2))
                .body("byAction.create", equalTo(2)).body("eventsBehind", equalTo(0))
                .body("phase", equalTo("INCREMENTAL")).body("estimatedSecondsLeft", equalTo(0))
                .body("activeUsers", equalTo(2)).body("activeGroups", equalTo(0)).body("escrowed", equalTo(0)));
    }

    private static Response connectionTest(String tenantUrl, String token) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("tenantUrl", tenantUrl, "secretToken", token, "allowInsecureHttp", true))
                .post("/api/v1/connection-tests");
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
