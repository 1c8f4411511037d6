package io.scimitar.provisioner.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
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
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
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
 * session the pages sign in with, the progress stream they read, and a reader refused when it tries to change.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ConsolePagesTest {

    private static final Path ASSETS = Path.of("src/main/resources/META-INF/resources/console");
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");

    @TestHTTPResource("/")
    URL root;

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
}
