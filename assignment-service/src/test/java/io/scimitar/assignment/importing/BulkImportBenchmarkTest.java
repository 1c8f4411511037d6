package io.scimitar.assignment.importing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.support.AdminCaller;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk import benchmark of issue #9 at the service's scale: 100,000 users, 1,000 groups, 100,000 memberships and
 * 500 group assignments, through the import API, then until the outbox relay has every event in Kafka. Prints the
 * figures; asserts only that everything went in, never on time. Run it with
 * {@code ./mvnw -B -pl assignment-service test -Dtest=BulkImportBenchmarkTest -Dscimitar.bench=true}.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@EnabledIfSystemProperty(named = "scimitar.bench", matches = "true")
class BulkImportBenchmarkTest {

    private static final int USERS = 100_000;
    private static final int GROUPS = 1_000;
    private static final int ASSIGNED_GROUPS = 500;
    /** Rows per request: the test profile caps a bulk request at 8 MB. */
    private static final int ROWS_PER_REQUEST = 25_000;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool database;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void importsTheBenchmarkDirectoryAndPrintsTheFigures() throws Exception {
        String app = Api.createApplication("Benchmark", true);
        String run = UUID.randomUUID().toString().substring(0, 8);
        long firstEvent = outboxSequence();

        List<String> users = new ArrayList<>();
        List<String> userRows = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String id = UUID.randomUUID().toString();
            users.add(id);
            userRows.add("{\"id\":\"" + id + "\",\"userPrincipalName\":\"bench" + i + "-" + run
                    + "@contoso.com\",\"displayName\":\"Bench " + i + "\",\"department\":\"D" + (i % 50)
                    + "\",\"jobTitle\":\"Engineer\",\"extensionAttributes\":{\"extension_3fe4_n\":" + i + "}}");
        }
        List<String> groups = new ArrayList<>();
        List<String> groupRows = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            String id = UUID.randomUUID().toString();
            groups.add(id);
            groupRows.add("{\"id\":\"" + id + "\",\"displayName\":\"Team " + g + "-" + run + "\"}");
        }
        List<String> membershipRows = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            membershipRows.add("{\"groupId\":\"" + groups.get(i % GROUPS) + "\",\"memberId\":\"" + users.get(i)
                    + "\"}");
        }
        List<String> assignmentRows = new ArrayList<>();
        for (int g = 0; g < ASSIGNED_GROUPS; g++) {
            assignmentRows.add("{\"applicationId\":\"" + app + "\",\"principalId\":\"" + groups.get(g) + "\"}");
        }

        long start = System.nanoTime();
        long usersMs = importAll("users", userRows);
        long groupsMs = importAll("groups", groupRows);
        long membershipsMs = importAll("memberships", membershipRows);
        long assignmentsMs = importAll("assignments", assignmentRows);
        long importedMs = (System.nanoTime() - start) / 1_000_000;
        long events = outboxSequence() - firstEvent;
        long pendingAtEnd = pending();
        long drainStart = System.nanoTime();
        while (pending() > 0) {
            Thread.sleep(100);
        }
        long drainMs = (System.nanoTime() - drainStart) / 1_000_000;
        long totalMs = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("Benchmark import: %,d users in %,d ms (%,d rows/s)%n", USERS, usersMs,
                USERS * 1000L / usersMs);
        System.out.printf("Benchmark import: %,d groups in %,d ms, %,d memberships in %,d ms (%,d rows/s),"
                + " %,d group assignments in %,d ms%n", GROUPS, groupsMs, USERS, membershipsMs,
                USERS * 1000L / membershipsMs, ASSIGNED_GROUPS, assignmentsMs);
        System.out.printf("Benchmark relay: %,d events written in %,d ms of imports; %,d still in the outbox then,"
                + " relayed in a further %,d ms; every event in Kafka %,d ms after the first row (%,d events/s)%n",
                events, importedMs, pendingAtEnd, drainMs, totalMs, events * 1000L / Math.max(1, totalMs));
        assertThat(count("select count(*) from app_user where user_principal_name like $1", "bench%-" + run + "@%"))
                .isEqualTo(USERS);
        assertThat(count("select count(*) from group_member gm join app_group g on g.id = gm.group_id"
                + " where g.display_name like $1", "Team %-" + run)).isEqualTo(USERS);
    }

    /** Posts the rows in requests of {@value #ROWS_PER_REQUEST}; returns the milliseconds taken. */
    private long importAll(String kind, List<String> rows) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < rows.size(); from += ROWS_PER_REQUEST) {
            String body = String.join("\n", rows.subList(from, Math.min(rows.size(), from + ROWS_PER_REQUEST)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(base.toString().replaceAll("/$", "") + "/api/v1/import/" + kind))
                    .header("Authorization", "Bearer " + AdminCaller.ADMIN_KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("\"rejected\"");
        }
        return Math.max(1, (System.nanoTime() - start) / 1_000_000);
    }

    private long outboxSequence() {
        return count("select last_value from outbox_id_seq");
    }

    private long pending() {
        return count("select count(*) from outbox");
    }

    private long count(String sql, Object... params) {
        return database.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.from(params))
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
    }
}
