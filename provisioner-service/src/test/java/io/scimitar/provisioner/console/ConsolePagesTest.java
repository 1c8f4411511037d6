package io.scimitar.provisioner.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.ADMIN_KEY;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.READER_KEY;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The web console as HTTP serves it: pages and every asset from here under a strict Content-Security-Policy, the
 * session the pages sign in with, the progress stream they read, the directory passed through with the caller's own
 * key, and a reader refused when it tries to change.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(DirectoryStandIn.class)
class ConsolePagesTest {

    private static final Path ASSETS = Path.of("src/main/resources/META-INF/resources/console");
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");

    @TestHTTPResource("/")
    URL root;

    @Inject
    Pool database;

    @Test
    void servesTheConsoleUnderAStrictContentSecurityPolicy() {
        Response page = given().get("/console/");

        page.then().statusCode(200).contentType("text/html");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "object-src 'none'", "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.asString()).contains("<main id=\"main\"").doesNotContain("style=");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page.asString()).find())
                .as("an inline script").isFalse();
    }

    @Test
    void servesEveryAssetFromHereWithThePolicy() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ASSETS)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(file -> ASSETS.relativize(file).toString().replace('\\', '/'))
                .contains("index.html", "console.css", "js/app.js", "js/views/logs.js");
        for (Path file : files) {
            String path = "/console/" + ASSETS.relativize(file).toString().replace('\\', '/');
            Response asset = given().get(path);
            asset.then().statusCode(200);
            assertThat(asset.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
            String text = Files.readString(file);
            Matcher reference = LOCAL_REFERENCE.matcher(text);
            while (reference.find()) {
                String target = reference.group(1) != null ? reference.group(1) : reference.group(2);
                assertThat(target).as("a reference in " + path).doesNotStartWith("http").doesNotStartWith("//");
            }
            assertThat(text).as(path + " builds no markup from strings").doesNotContain("innerHTML", "eval(",
                    "document.write");
        }
        assertThat(given().get("/console/js/app.js").contentType()).contains("javascript");
    }

    @Test
    void tellsTheConsoleWhoSignedInAndWhetherTheyMayChangeAnything() {
        asAdmin().get("/api/v1/session").then().statusCode(200)
                .body("name", equalTo("test-admin")).body("canChange", equalTo(true));
        asReader().get("/api/v1/session").then().statusCode(200)
                .body("name", equalTo("test-reader")).body("canChange", equalTo(false))
                .body("roles", equalTo(List.of("reader")));
        given().get("/api/v1/session").then().statusCode(401);
        given().header("X-API-Key", "f".repeat(10) + "0123456789abcdef0123456789").get("/api/v1/session")
                .then().statusCode(401);
    }

    @Test
    void refusesAReaderEveryChangeTheConsoleOffers() {
        String job = createJob(miroJob(newApplication()));
        for (String change : List.of("pause", "start", "restart", "test-connection", "staged-deletions/allow",
                "staged-deletions/reject", "dry-run", "provision-on-demand")) {
            asReader().contentType("application/json").body("{}").post("/api/v1/jobs/" + job + "/" + change)
                    .then().statusCode(403);
        }
        asReader().contentType("application/json").body("{}").put("/api/v1/jobs/" + job).then().statusCode(403);
        asReader().get("/api/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("ON"));
    }

    @Test
    void streamsAJobsProgressAsServerSentEvents() throws Exception {
        String job = createJob(miroJob(newApplication()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "api/v1/jobs/" + job + "/progress/stream"))
                .header("X-API-Key", READER_KEY).header("Accept", "text/event-stream").build();

        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            List<String> events = lines.filter(line -> line.startsWith("data:")).limit(2).toList();
            assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event)
                    .contains("\"phase\"", "\"objectsDone\"", "\"byAction\""));
        }
        HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(URI.create(root + "api/v1/jobs/"
                + UUID.randomUUID() + "/progress/stream")).header("X-API-Key", READER_KEY)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(root + "api/v1/jobs/"
                + job + "/progress/stream")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void passesDirectoryReadsThroughWithTheCallersOwnKey() {
        asReader().get("/api/v1/directory/users?displayNameStartsWith=Ada&limit=5").then().statusCode(200)
                .contentType("application/json").body("items[0].displayName", equalTo("Ada Lovelace"));
        assertThat(DirectoryStandIn.last).isEqualTo(new DirectoryStandIn.Received("GET",
                "/api/v1/users?limit=5&displayNameStartsWith=Ada", READER_KEY, null, ""));

        asAdmin().get("/api/v1/directory/users").then().statusCode(200);
        assertThat(DirectoryStandIn.last.apiKey()).isNull();
        assertThat(DirectoryStandIn.last.authorization()).isEqualTo("Bearer " + ADMIN_KEY);
    }

    @Test
    void handsTheDirectorysRefusalsBackUnchanged() {
        String unknown = UUID.randomUUID().toString();

        Response answer = asReader().get("/api/v1/directory/users/" + unknown);

        answer.then().statusCode(404).contentType("application/problem+json");
        assertThat(answer.asString()).isEqualTo(DirectoryStandIn.NOT_FOUND);
        assertThat(DirectoryStandIn.last.pathAndQuery()).isEqualTo("/api/v1/users/" + unknown);
        asReader().get("/api/v1/directory/users/not-an-id").then().statusCode(404);
    }

    @Test
    void letsOnlyAnAdminAssignAndRemove() {
        String application = UUID.randomUUID().toString();
        String principal = UUID.randomUUID().toString();
        String body = "{\"principalId\":\"" + principal + "\"}";
        int before = DirectoryStandIn.COUNT.get();

        asReader().contentType("application/json").body(body)
                .post("/api/v1/directory/applications/" + application + "/appRoleAssignments")
                .then().statusCode(403);
        asReader().delete("/api/v1/directory/applications/" + application + "/appRoleAssignments/"
                + UUID.randomUUID()).then().statusCode(403);
        assertThat(DirectoryStandIn.COUNT.get()).as("requests passed on for a reader").isEqualTo(before);

        Response created = asAdmin().contentType("application/json").body(body)
                .post("/api/v1/directory/applications/" + application + "/appRoleAssignments");
        created.then().statusCode(201);
        assertThat(DirectoryStandIn.last.body()).isEqualTo(body);
        String assignment = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/directory/applications/" + application
                + "/appRoleAssignments/" + assignment);
        asAdmin().delete("/api/v1/directory/applications/" + application + "/appRoleAssignments/" + assignment)
                .then().statusCode(204);
        assertThat(DirectoryStandIn.last.method()).isEqualTo("DELETE");
        assertThat(DirectoryStandIn.last.authorization()).isEqualTo("Bearer " + ADMIN_KEY);
    }

    @Test
    void countsAJobsObjectsPerMinuteFromItsLog() {
        String job = createJob(miroJob(newApplication()));
        Instant now = Instant.now();
        logEntry(job, now.minus(5, ChronoUnit.MINUTES), "CREATE");
        logEntry(job, now.minus(5, ChronoUnit.MINUTES), "CREATE");
        logEntry(job, now.minus(5, ChronoUnit.MINUTES), "UPDATE");
        logEntry(job, now.minus(30, ChronoUnit.MINUTES), "DISABLE");
        logEntry(job, now.minus(2, ChronoUnit.HOURS), "CREATE");

        Response hour = asReader().get("/api/v1/jobs/" + job + "/activity");

        hour.then().statusCode(200).body("bucketSeconds", equalTo(60)).body("total", equalTo(4));
        List<Map<String, Object>> buckets = hour.path("buckets");
        assertThat(buckets).hasSizeBetween(60, 61);
        assertThat(buckets).filteredOn(bucket -> ((Number) bucket.get("entries")).intValue() > 0)
                .extracting(bucket -> bucket.get("byAction"))
                .containsExactly(Map.of("DISABLE", 1), Map.of("CREATE", 2, "UPDATE", 1));
        asReader().get("/api/v1/jobs/" + job + "/activity?minutes=180").then().statusCode(200)
                .body("bucketSeconds", equalTo(120)).body("total", equalTo(5));
        asReader().get("/api/v1/jobs/" + job + "/activity?minutes=0").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("minutes"));
        asReader().get("/api/v1/jobs/" + UUID.randomUUID() + "/activity").then().statusCode(404);
    }

    private void logEntry(String job, Instant at, String action) {
        database.preparedQuery("""
                insert into provisioning_log (job_id, cycle_id, change_id, activity_time, duration_ms, action, status,
                    object_type, source_id, steps, modified_properties)
                values ($1, $2, $3, $4, 1, $5, 'SUCCESS', 'USER', 'u-1', '[]'::jsonb, '[]'::jsonb)""")
                .execute(Tuple.of(UUID.fromString(job), UUID.randomUUID(), UUID.randomUUID(),
                        at.atOffset(ZoneOffset.UTC), action))
                .await().atMost(Duration.ofSeconds(30));
    }
}
