package io.scimitar.assignment.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeChecks;
import io.scimitar.assignment.attribute.AttributeJson;
import io.scimitar.assignment.attribute.AttributeList;
import io.scimitar.assignment.attribute.AttributeValues;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.user.User;
import io.scimitar.assignment.user.UserAttributes;
import io.scimitar.assignment.user.UserMapper;
import io.scimitar.assignment.user.UserSql;
import io.scimitar.assignment.web.FieldChecks;
import io.scimitar.assignment.web.StrictJson;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attribute added in one place, the list ({@code UserAttributes.ALL} plus {@code costCenter}), with its column
 * (the migration, here run inside a transaction that is rolled back): the REST body reads it, validation bounds it,
 * the table stores it, a row maps it, and both the one-statement change and the Java publisher put it in the event,
 * field for field alike, while consumers of the typed contract still read the event.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class AttributeFlowTest {

    private static final AttributeList WITH_COST_CENTER = UserAttributes.ALL
            .plus(Attribute.text("costCenter", "cost_center", 64));
    private static final ObjectMapper EVENTS = AssignmentEventCodec.objectMapper();

    @Inject
    Transactions transactions;

    /** What the rolled-back transaction saw. */
    private static final class RolledBack extends RuntimeException {
        final AttributeValues stored;
        final String statementPayload;
        final String publisherPayload;

        RolledBack(AttributeValues stored, String statementPayload, String publisherPayload) {
            super("rolled back on purpose", null, false, false);
            this.stored = stored;
            this.statementPayload = statementPayload;
            this.publisherPayload = publisherPayload;
        }
    }

    /** Reads a request body as the service does, with the extended list. */
    private static final class Body extends StdDeserializer<AttributeValues> {
        Body() {
            super(AttributeValues.class);
        }

        @Override
        public AttributeValues deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return AttributeValues.of(WITH_COST_CENTER,
                    AttributeJson.read(parser, context, Object.class, List.of("id"), WITH_COST_CENTER));
        }
    }

    @Test
    void anAttributeAddedToTheListFlowsFromTheBodyToTheEvent() throws Exception {
        String app = Api.createApplication("Cost centres");
        ObjectMapper json = StrictJson.apply(new ObjectMapper())
                .registerModule(new SimpleModule().addDeserializer(AttributeValues.class, new Body()));
        AttributeValues body = json.readValue("{\"userPrincipalName\":\"cost-centre@contoso.com\","
                + "\"displayName\":\"Cost centre\",\"costCenter\":\"CC-7\"}", AttributeValues.class);
        assertThat(body.text("costCenter")).isEqualTo("CC-7");
        assertThat(AttributeChecks.check(new FieldChecks(), WITH_COST_CENTER, body).ok()).isTrue();
        assertThat(AttributeChecks.check(new FieldChecks(), WITH_COST_CENTER, body.with("costCenter", "x".repeat(65)))
                .ok()).isFalse();

        RolledBack seen = writeAndPublish(body, UUID.randomUUID(), app);

        assertThat(seen.stored.text("costCenter")).isEqualTo("CC-7");
        JsonNode fromStatement = EVENTS.readTree(seen.statementPayload);
        JsonNode fromPublisher = EVENTS.readTree(seen.publisherPayload);
        assertThat(fromStatement.path("user").path("costCenter").asText()).isEqualTo("CC-8");
        assertThat(fromStatement.path("user")).isEqualTo(fromPublisher.path("user"));
        UserAssignmentEvent typed = (UserAssignmentEvent) AssignmentEventCodec.decode(
                seen.statementPayload.getBytes(StandardCharsets.UTF_8));
        assertThat(typed.user().displayName()).isEqualTo("Cost centre");
    }

    private RolledBack writeAndPublish(AttributeValues body, UUID id, String app) {
        UserSql sql = UserSql.of(WITH_COST_CENTER);
        Instant now = Instant.now();
        try {
            transactions.inTransaction(tx -> {
                tx.query("alter table app_user add column cost_center text");
                // an application that publishes unassigned users, for this transaction only
                tx.query("update application set publish_unassigned = true where id = $1", UUID.fromString(app));
                tx.query(sql.insertAll(), sql.parameters(List.of(id), List.of(WITH_COST_CENTER.stored(body)),
                        now.atOffset(ZoneOffset.UTC)));
                AttributeValues stored = tx.optional("select " + sql.columns() + " from app_user where id = $1",
                        WITH_COST_CENTER::read, id).orElseThrow();
                long before = tx.count("select coalesce(max(id), 0) from outbox");
                tx.query(sql.change(), sql.changeParameters(id, stored.with("costCenter", "CC-8"),
                        now.atOffset(ZoneOffset.UTC), "USER_UPDATED", now.toString()));
                String statementPayload = tx.optional("select payload from outbox where id > $1 and event_key = $2",
                        r -> r.getString(0), before, app + "/" + id).orElseThrow();
                User changed = tx.optional("select " + sql.columns() + " from app_user where id = $1",
                        r -> new User(id, WITH_COST_CENTER.read(r), r.getOffsetDateTime("created_date_time")
                                .toInstant(), r.getOffsetDateTime("modified_date_time").toInstant(), null,
                                r.getLong("row_version")), id).orElseThrow();
                SnapshotEncoder encoder = new SnapshotEncoder();
                Map<String, Object> fields = UserMapper.toSnapshot(changed);
                UserSnapshot snapshot = encoder.user(fields);
                String publisherPayload = encoder.encode(UserAssignmentEvent.of(UUID.randomUUID(), now, app, 1,
                        "USER_UPDATED", snapshot, false, List.of(), false));
                throw new RolledBack(stored, statementPayload, publisherPayload);
            });
        } catch (RolledBack done) {
            return done;
        }
        throw new IllegalStateException("the transaction committed");
    }
}
