package io.scimitar.assignment.deadletter;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.scimitar.assignment.support.AdminCaller;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scimitar.assignment.support.EventTap.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 14, part 1: a row the broker refuses for good (here larger than the producer's {@code max.request.size}, 1 MB
 * by default) goes to the dead letters and holds up nothing behind it; admins see, retry and discard it.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TOO_LARGE = 1_200_000;

    @Inject
    Pool database;

    @Test
    void movesARefusedRowToTheDeadLettersAndRelaysTheRowsBehindItOnce() {
        try (EventTap tap = EventTap.open()) {
            String app = UUID.randomUUID().toString();
            String user = UUID.randomUUID().toString();
            String other = UUID.randomUUID().toString();
            UserAssignmentEvent before = event(app, user, 1, "Before");
            UserAssignmentEvent tooLarge = event(app, user, 2, "x".repeat(TOO_LARGE));
            UserAssignmentEvent otherObject = event(app, other, 1, "Other");
            UserAssignmentEvent after = event(app, user, 3, "After");
            // one transaction, so that the relay takes the four rows in one round
            List<Long> ids = insertIntoOutbox(List.of(before, tooLarge, otherObject, after));

            // the rows behind the refused one are published, and nothing acknowledged is sent again: a later row of
            // the same key, written once they are in, comes right after them
            assertThat(tap.await(about(app, user), 2, WAIT)).containsExactly(before, after);
            UserAssignmentEvent marker = event(app, user, 4, "Marker");
            long markerId = insertIntoOutbox(List.of(marker)).get(0);
            assertThat(tap.await(about(app, user), 3, WAIT)).containsExactly(before, after, marker);
            assertThat(tap.await(about(app, other), 1, WAIT)).containsExactly(otherObject);
            // the marker's row leaves the outbox when the relay's round commits, a moment after the tap has it
            await().atMost(WAIT).until(() -> outboxRows(tooLarge.key()), rows -> rows == 0);

            long deadId = ids.get(1);
            Row dead = await().atMost(WAIT).until(() -> deadLetter(deadId), row -> row != null);
            assertThat(dead.getString("reason")).startsWith("Too large to publish").contains("max.request.size");
            assertThat(dead.getString("event_key")).isEqualTo(tooLarge.key());
            assertThat(dead.getLong("superseded_by")).as("the newest published row of the key").isEqualTo(markerId);
            assertThat(dead.getString("payload")).isEqualTo(AssignmentEventCodec.encodeToString(tooLarge));

            JsonPath listed = given().get("/api/v1/outbox/dead-letters?limit=1000").then().statusCode(200)
                    .extract().jsonPath();
            Map<String, Object> item = listed.param("id", deadId).getMap("items.find { it.id == id }");
            assertThat(item).containsEntry("eventKey", tooLarge.key()).containsEntry("eventType", "user.assignment")
                    .doesNotContainKey("payload");
            assertThat((String) item.get("reason")).contains("max.request.size");
            assertThat(((Number) item.get("supersededBy")).longValue()).as("the newest published row of the key")
                    .isEqualTo(markerId);
            given().header("Authorization", "Bearer " + AdminCaller.READER_KEY)
                    .get("/api/v1/outbox/dead-letters/" + deadId).then().statusCode(200)
                    .body("payloadBytes", equalTo(dead.getString("payload").length()))
                    .body("payload", containsString("\"objectVersion\":2"));

            given().get("/api/v1/outbox").then().statusCode(200).body("status", equalTo("degraded"))
                    .body("deadLetters", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/group/outbox").then().statusCode(503)
                    .body("status", equalTo("DOWN")).body("checks[0].data.state", equalTo("degraded")));
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.data.state", equalTo("degraded")));
            await().atMost(WAIT).untilAsserted(() -> assertThat(metric("scimitar_outbox_dead_letters"))
                    .isGreaterThanOrEqualTo(1));
            assertThat(metric("scimitar_outbox_relayed_events_total")).isGreaterThanOrEqualTo(3);
            assertThat(metric("scimitar_outbox_dead_lettered_rows_total")).isGreaterThanOrEqualTo(1);
            assertThat(metric("scimitar_outbox_backlog_rows")).isGreaterThanOrEqualTo(0);
            assertThat(metric("scimitar_outbox_oldest_row_age_seconds")).isGreaterThanOrEqualTo(0);

            // a newer snapshot of the key was published: retrying the older one would bring back an older state
            given().post("/api/v1/outbox/dead-letters/" + deadId + "/retry").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("force=true"));
            given().header("Authorization", "Bearer " + AdminCaller.READER_KEY)
                    .post("/api/v1/outbox/dead-letters/" + deadId + "/retry?force=true").then().statusCode(403);
            long requeued = ((Number) given().post("/api/v1/outbox/dead-letters/" + deadId + "/retry?force=true")
                    .then().statusCode(202).extract().path("outboxId")).longValue();
            assertThat(requeued).isGreaterThan(ids.get(3));
            given().get("/api/v1/outbox/dead-letters/" + deadId).then().statusCode(404)
                    .contentType("application/problem+json");
            // still too large: back among the dead letters, under its new outbox id
            await().atMost(WAIT).until(() -> deadLetter(requeued), row -> row != null);

            given().delete("/api/v1/outbox/dead-letters/" + requeued).then().statusCode(204);
            given().delete("/api/v1/outbox/dead-letters/" + requeued).then().statusCode(404);
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/group/outbox").then().statusCode(200)
                    .body("checks[0].data.state", equalTo("ok")));
            assertThat(tap.settle(about(app, user), Duration.ofSeconds(1))).containsExactly(before, after, marker);
        }
    }

    @Test
    void retriesADeadLetterAtTheEndOfTheOutbox() {
        try (EventTap tap = EventTap.open()) {
            String app = UUID.randomUUID().toString();
            UserAssignmentEvent event = event(app, UUID.randomUUID().toString(), 1, "Retried");
            long id = database.preparedQuery("""
                    insert into outbox_dead_letter (id, event_key, event_type, payload, created_at, reason)
                    values (nextval('outbox_id_seq'), $1, $2, $3, now(), 'Too large to publish: a test') returning id""")
                    .execute(Tuple.of(event.key(), event.type(), AssignmentEventCodec.encodeToString(event)))
                    .await().atMost(WAIT).iterator().next().getLong(0);

            given().header("Authorization", "Bearer " + AdminCaller.READER_KEY).get("/api/v1/outbox/dead-letters")
                    .then().statusCode(200);
            given().header("X-API-Key", "not-a-key").get("/api/v1/outbox/dead-letters").then().statusCode(401);
            given().header("X-API-Key", "not-a-key").get("/api/v1/outbox").then().statusCode(401);
            given().get("/api/v1/outbox/dead-letters?limit=abc").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
            given().get("/api/v1/outbox/dead-letters?limit=0").then().statusCode(422)
                    .contentType("application/problem+json");
            given().post("/api/v1/outbox/dead-letters/" + id + "/retry").then().statusCode(202)
                    .body("deadLetterId", equalTo((int) id));

            assertThat(tap.await(about(app, event.objectId()), 1, WAIT)).containsExactly(event);
            given().get("/api/v1/outbox/dead-letters/" + id).then().statusCode(404);
            given().post("/api/v1/outbox/dead-letters/" + id + "/retry").then().statusCode(404);
        }
    }

    @Test
    void pagesTheDeadLettersById() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserAssignmentEvent event = event(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1, "Page");
            ids.add(database.preparedQuery("""
                    insert into outbox_dead_letter (id, event_key, event_type, payload, created_at, reason)
                    values (nextval('outbox_id_seq'), $1, $2, $3, now(), 'Too large to publish: a test') returning id""")
                    .execute(Tuple.of(event.key(), event.type(), AssignmentEventCodec.encodeToString(event)))
                    .await().atMost(WAIT).iterator().next().getLong(0));
        }
        try {
            String cursor = Long.toString(ids.get(0) - 1);
            JsonPath first = given().get("/api/v1/outbox/dead-letters?limit=2&after=" + cursor).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(first.getList("items.id", Long.class)).containsExactly(ids.get(0), ids.get(1));
            JsonPath second = given().get("/api/v1/outbox/dead-letters?limit=2&after=" + first.getString("nextCursor"))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(second.getList("items.id", Long.class)).startsWith(ids.get(2));
        } finally {
            ids.forEach(id -> given().delete("/api/v1/outbox/dead-letters/" + id).then().statusCode(204));
        }
    }

    private static UserAssignmentEvent event(String app, String userId, long version, String jobTitle) {
        UserSnapshot user = new UserSnapshot(userId, userId + "@contoso.com", null, null, null, null, "Dead letter",
                jobTitle, null, null, null, null, null, null, null, null, null, List.of(), null, true, null, Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), null);
        return UserAssignmentEvent.of(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"), app, version, "TEST",
                user, true, List.of(), false);
    }

    /** Appends the events in one statement (one transaction), as a crashed or older instance may have left them. */
    private List<Long> insertIntoOutbox(List<? extends AssignmentEvent> events) {
        List<Long> ids = new ArrayList<>();
        database.preparedQuery("""
                insert into outbox (event_key, event_type, payload)
                select k, t, p from unnest($1::text[], $2::text[], $3::text[]) with ordinality as e(k, t, p, n)
                order by n returning id""")
                .execute(Tuple.of(events.stream().map(AssignmentEvent::key).toArray(String[]::new),
                        events.stream().map(AssignmentEvent::type).toArray(String[]::new),
                        events.stream().map(AssignmentEventCodec::encodeToString).toArray(String[]::new)))
                .await().atMost(WAIT).forEach(row -> ids.add(row.getLong(0)));
        ids.sort(Long::compare);
        return ids;
    }

    private Row deadLetter(long id) {
        var rows = database.preparedQuery("select * from outbox_dead_letter where id = $1").execute(Tuple.of(id))
                .await().atMost(WAIT).iterator();
        return rows.hasNext() ? rows.next() : null;
    }

    private long outboxRows(String key) {
        return database.preparedQuery("select count(*) from outbox where event_key = $1").execute(Tuple.of(key))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<Double> values = text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).toList();
        assertThat(values).as("samples of " + name).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
