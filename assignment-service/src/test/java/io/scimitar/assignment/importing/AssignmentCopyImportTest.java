package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.error.ConflictException;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import io.scimitar.assignment.error.MalformedInputException;
import io.scimitar.assignment.error.NotFoundException;
import io.scimitar.assignment.change.ChangeSet;
import io.scimitar.assignment.events.EffectiveStatePublisher;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The COPY-based assignment import against the row-by-row path it replaced, and its chunk failures. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class AssignmentCopyImportTest {

    private static final ObjectMapper EVENTS = AssignmentEventCodec.objectMapper();

    @Inject
    Pool database;

    @Inject
    Transactions transactions;

    @Inject
    GroupAndAssignmentRowImport handlers;

    @Inject
    EffectiveStatePublisher publisher;

    @Inject
    ObjectMapper json;

    /** What the row-by-row path wrote, seen inside its transaction, which is then rolled back. */
    private static final class RolledBack extends RuntimeException {
        final List<RowResult> results;
        final List<String[]> outbox;
        final Map<String, String> assignments;

        RolledBack(List<RowResult> results, List<String[]> outbox, Map<String, String> assignments) {
            super("rolled back on purpose", null, false, false);
            this.results = results;
            this.outbox = outbox;
            this.assignments = assignments;
        }
    }

    @Test
    void publishesForMixedRowsWhatTheRowByRowPathPublishes() throws Exception {
        String app = Api.createApplication("Copy import");
        String admin = Api.roleId(app, "Admin");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(Api.createUser("copy" + i, Map.of("businessPhones", List.of("+1 555 010" + i),
                    "extensionAttributes", Map.of("extension_app_level", i, "extension_app_tag", "t" + i))));
        }
        String groupA = Api.createGroup("Copy A");
        String groupB = Api.createGroup("Copy B");
        List.of(users.get(0), users.get(1), users.get(2), groupB).forEach(m -> Api.addMember(groupA, m));
        List.of(users.get(2), users.get(3)).forEach(m -> Api.addMember(groupB, m));
        Api.patchUser(users.get(4), Map.of("accountEnabled", false)).statusCode(200);
        String body = String.join("\n",
                row(app, groupA, null),
                row(app, users.get(3), null),
                row(app, groupB, admin),
                row(app, groupA, null),
                row(app, UUID.randomUUID().toString(), null),
                row(app, users.get(1), UUID.randomUUID().toString()),
                row(UUID.randomUUID().toString(), users.get(1), null),
                "{\"applicationId\":\"" + app + "\",\"principalId\":\"nope\"}",
                row(app, users.get(0), admin),
                row(app, users.get(4), null),
                "{\"applicationId\":\"" + app + "\"") + "\n";

        RolledBack expected = rowByRow(body, app);
        assertThat(expected.outbox).hasSizeGreaterThan(10);

        try (EventTap tap = EventTap.open(EventTap.forApplication(app))) {
            Response response = given().contentType("application/x-ndjson")
                    .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/assignments");
            response.then().statusCode(200);
            List<Map<String, Object>> results = response.path("results");
            assertThat(results).hasSameSizeAs(expected.results);
            for (int i = 0; i < results.size(); i++) {
                RowResult want = expected.results.get(i);
                assertThat(results.get(i).get("line")).isEqualTo((int) want.line());
                assertThat(results.get(i).get("status")).as("line %d", want.line()).isEqualTo(want.status());
                assertThat(results.get(i).get("id") != null).isEqualTo(want.id() != null);
                List<Map<String, String>> errors = response.path("results[" + i + "].errors");
                assertThat(errors == null ? List.of() : errors.stream()
                        .map(e -> new FieldError(e.get("field"), e.get("reason"))).toList())
                        .as("line %d", want.line()).isEqualTo(want.errors());
            }

            tap.await(EventTap.forApplication(app), expected.outbox.size(), Duration.ofSeconds(60));
            List<AssignmentEvent> published = tap.settle(EventTap.forApplication(app), Duration.ofSeconds(2));
            Map<String, String> assignments = assignmentKeys(app);
            Map<String, List<JsonNode>> actual = new LinkedHashMap<>();
            for (AssignmentEvent event : published) {
                actual.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(normalized(
                        AssignmentEventCodec.encodeToString(event), assignments));
            }
            Map<String, List<JsonNode>> wanted = new LinkedHashMap<>();
            for (String[] row : expected.outbox) {
                wanted.computeIfAbsent(row[0], k -> new ArrayList<>()).add(normalized(row[2], expected.assignments));
            }
            assertThat(actual).isEqualTo(wanted);
        }
    }

    @Test
    void aChunkTheDatabaseRefusesLeavesNothingAndItsOtherRowsGoInOneByOne() {
        String app = Api.createApplication("Copy refused");
        String first = Api.createUser("first");
        String refused = Api.createUser("refused");
        String last = Api.createUser("last");
        long firstVersion = objectVersion(first);
        long refusedVersion = objectVersion(refused);
        String function = "refuse_" + refused.substring(0, 8);
        sql("create function " + function + "() returns trigger language plpgsql as $$ begin if new.event_key = '"
                + app + "/" + refused + "' then raise exception 'refused for the test'; end if; return new; end $$");
        sql("create trigger " + function + " before insert on outbox for each row execute function " + function
                + "()");
        try {
            String body = String.join("\n", row(app, first, null), row(app, refused, null), row(app, last, null));
            given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/import/assignments").then().statusCode(200)
                    .body("results.status", equalTo(List.of("created", "rejected", "created")))
                    .body("results[1].errors[0].reason",
                            equalTo("the database refused the row: refused for the test"));
        } finally {
            sql("drop trigger " + function + " on outbox");
            sql("drop function " + function + "()");
        }
        // the chunk's first attempt wrote assignments, versions and events before it failed: none of it stayed
        assertThat(assignmentKeys(app)).hasSize(2).doesNotContainValue(refused + "/" + Api.roleId(app, "User"));
        assertThat(objectVersion(first)).isEqualTo(firstVersion + 1);
        assertThat(objectVersion(refused)).isEqualTo(refusedVersion);
    }

    /**
     * Autovacuum may analyse the staging table while it holds only the dead rows of earlier chunks: the planner then
     * takes a chunk's rows for one. Under those statistics, the statements that match staged rows with each other or
     * with the inserted assignments still look each row up (by row id, or in an index), never scan the staging table
     * again for every row: the self-join they replaced took 1.7 s for a chunk of 850 rows so.
     */
    @Test
    void aChunksStatementsNeverRescanTheStagingTablePerRowWhenItsStatisticsSayItIsEmpty() {
        List<JsonNode> plans;
        try {
            transactions.inTransaction(tx -> {
                String stage = "insert into import_assignment_stage (line, application_id, principal_id,"
                        + " application_found, role_id, principal_type, assignment_id) select g, gen_random_uuid(),"
                        + " gen_random_uuid(), true, gen_random_uuid(), 'USER', gen_random_uuid()"
                        + " from generate_series(1, 800) g";
                tx.query(stage);
                tx.query("delete from import_assignment_stage");
                tx.query("analyze import_assignment_stage");
                tx.query(stage);
                List<JsonNode> explained = new ArrayList<>();
                for (String statement : List.of(AssignmentCopyImport.FIRST_OF_EACH,
                        AssignmentCopyImport.MARK_CREATED)) {
                    String plan = tx.query("explain (format json) " + statement).iterator().next().getValue(0)
                            .toString();
                    try {
                        explained.add(json.readTree(plan).get(0).get("Plan"));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                throw new PlansSeen(explained);
            });
            throw new AssertionError("the transaction was to be rolled back");
        } catch (PlansSeen seen) {
            plans = seen.plans;
        }
        assertThat(plans.get(0).toString()).as("the statistics the test sets up").contains("\"Plan Rows\":1");
        for (JsonNode plan : plans) {
            assertThat(stagingRescans(plan)).as(plan.toPrettyString()).isEmpty();
        }
    }

    /** The plans, seen in a transaction that is then rolled back (the staging table stays empty between chunks). */
    private static final class PlansSeen extends RuntimeException {
        final List<JsonNode> plans;

        PlansSeen(List<JsonNode> plans) {
            super("rolled back on purpose", null, false, false);
            this.plans = plans;
        }
    }

    /** The scans of the staging table on the inner side of a nested loop: run once per outer row. */
    private static List<String> stagingRescans(JsonNode node) {
        List<String> found = new ArrayList<>();
        JsonNode children = node.path("Plans");
        if ("Nested Loop".equals(node.path("Node Type").asText()) && children.size() == 2) {
            scans(children.get(1), found);
        }
        children.forEach(child -> found.addAll(stagingRescans(child)));
        return found;
    }

    private static void scans(JsonNode node, List<String> found) {
        if ("import_assignment_stage".equals(node.path("Relation Name").asText())
                && node.path("Node Type").asText().endsWith("Scan")
                && !node.path("Node Type").asText().equals("Tid Scan")) {
            found.add(node.path("Node Type").asText());
        }
        node.path("Plans").forEach(child -> scans(child, found));
    }

    private static String row(String app, String principal, String role) {
        return "{\"applicationId\":\"" + app + "\",\"principalId\":\"" + principal + "\""
                + (role == null ? "" : ",\"appRoleId\":\"" + role + "\"") + "}";
    }

    /** The rows through GroupAndAssignmentRowImport and the publisher in one transaction, as BulkImporter ran them before COPY. */
    private RolledBack rowByRow(String body, String app) throws Exception {
        List<ImportRow> rows = new ArrayList<>();
        JsonLinesReader reader = new JsonLinesReader(new BufferedReader(new StringReader(body)), json, 65536);
        for (ImportRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        try {
            transactions.inTransaction(tx -> {
                ChangeSet changes = new ChangeSet();
                List<RowResult> results = new ArrayList<>();
                for (ImportRow row : rows) {
                    if (!row.unreadable().isEmpty()) {
                        results.add(RowResult.rejected(row.line(), row.unreadable()));
                        continue;
                    }
                    ChangeSet rowChanges = new ChangeSet();
                    try {
                        results.add(handlers.apply(ImportKind.ASSIGNMENTS, ImportMode.MERGE, tx, row, rowChanges));
                        changes.addAll(rowChanges);
                    } catch (InvalidInputException e) {
                        results.add(RowResult.rejected(row.line(), e.errors()));
                    } catch (MalformedInputException | ConflictException e) {
                        String field = e instanceof MalformedInputException m ? m.field()
                                : ((ConflictException) e).field();
                        results.add(RowResult.rejected(row.line(), List.of(new FieldError(field, e.getMessage()))));
                    } catch (NotFoundException e) {
                        results.add(RowResult.rejected(row.line(), List.of(new FieldError(null, e.getMessage()))));
                    }
                }
                publisher.publish(tx, changes);
                List<String[]> outbox = tx.list("select event_key, event_type, payload from outbox"
                        + " where event_key like $1 order by id", r -> new String[] {r.getString(0),
                        r.getString(1), r.getString(2)}, app + "/%");
                Map<String, String> assignments = new HashMap<>();
                tx.list("select id, principal_id, app_role_id from app_role_assignment where application_id = $1",
                        r -> assignments.put(r.getUUID(0).toString(), r.getUUID(1) + "/" + r.getUUID(2)),
                        UUID.fromString(app));
                throw new RolledBack(results, outbox, assignments);
            });
        } catch (RolledBack done) {
            return done;
        }
        throw new IllegalStateException("the row-by-row transaction committed");
    }

    /** The event without what differs by nature between two runs: its id, time, snapshot id, assignment ids. */
    private static JsonNode normalized(String payload, Map<String, String> assignments) {
        try {
            ObjectNode event = (ObjectNode) EVENTS.readTree(
                    AssignmentEventCodec.encodeToString(AssignmentEventCodec.decode(
                            payload.getBytes(StandardCharsets.UTF_8))));
            event.remove(List.of("eventId", "occurredAt"));
            if (event.get("snapshot") instanceof ObjectNode snapshot) {
                snapshot.remove("snapshotId");
            }
            if (event.get("roles") instanceof ArrayNode roles) {
                roles.forEach(role -> ((ObjectNode) role).put("assignmentId",
                        assignments.get(role.get("assignmentId").asText())));
            }
            return event;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> assignmentKeys(String app) {
        Map<String, String> keys = new HashMap<>();
        for (Row r : database.preparedQuery("select id, principal_id, app_role_id from app_role_assignment"
                + " where application_id = $1").executeAndAwait(Tuple.of(UUID.fromString(app)))) {
            keys.put(r.getUUID(0).toString(), r.getUUID(1) + "/" + r.getUUID(2));
        }
        return keys;
    }

    private long objectVersion(String id) {
        for (Row r : database.preparedQuery("select version from object_version where object_id = $1")
                .executeAndAwait(Tuple.of(UUID.fromString(id)))) {
            return r.getLong(0);
        }
        return 0;
    }

    private void sql(String statement) {
        database.query(statement).executeAndAwait();
    }
}
