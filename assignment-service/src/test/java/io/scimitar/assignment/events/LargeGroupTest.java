package io.scimitar.assignment.events;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.scimitar.assignment.support.EventTap.about;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class LargeGroupTest {

    private static final int MEMBERS = 100_000;

    @Inject
    Pool database;

    @Test
    void assigningAHundredThousandMemberGroupPublishesEveryMemberAndASnapshotInPartsOfAtMostAThousand()
            throws InterruptedException {
        String app = Api.createApplication("Everyone");
        String group = Api.createGroup("All staff");
        String run = UUID.randomUUID().toString().substring(0, 8);
        // 100,000 users and memberships in two statements: this test is about the fan-out, not the REST API
        sql("""
                insert into app_user (id, user_principal_name, display_name, created_date_time, modified_date_time)
                select gen_random_uuid(), 'staff' || g || '-' || $1 || '@contoso.com', 'Staff ' || g, now(), now()
                from generate_series(1, $2) g""", run, MEMBERS);
        sql("""
                insert into group_member (group_id, member_id, member_type)
                select $1, id, 'USER' from app_user where user_principal_name like $2""",
                UUID.fromString(group), "staff%-" + run + "@contoso.com");
        sql("analyze");

        try (EventTap tap = EventTap.open(event -> !(event instanceof UserAssignmentEvent))) {
            long start = System.nanoTime();
            Api.assign(app, group);
            long committed = System.nanoTime();
            while (outboxSize() > 0 && System.nanoTime() - committed < Duration.ofSeconds(120).toNanos()) {
                Thread.sleep(50);
            }
            long relayed = System.nanoTime();
            List<AssignmentEvent> snapshot = tap.await(
                    e -> about(app, group).test(e) && e instanceof GroupMembershipEvent, MEMBERS / 1000,
                    Duration.ofSeconds(120));
            tap.awaitDropped(MEMBERS, Duration.ofSeconds(120));
            long delivered = System.nanoTime();
            System.out.printf("100,000-member group assigned: fan-out committed in %d ms, outbox relayed %d ms later,"
                    + " %d events consumed after %d ms%n", (committed - start) / 1_000_000,
                    (relayed - committed) / 1_000_000, tap.dropped() + snapshot.size(),
                    (delivered - start) / 1_000_000);

            Set<MemberRef> members = new HashSet<>();
            Set<UUID> snapshotIds = new HashSet<>();
            for (AssignmentEvent event : snapshot) {
                GroupMembershipEvent part = (GroupMembershipEvent) event;
                assertThat(part.isSnapshot()).isTrue();
                assertThat(part.added()).hasSizeLessThanOrEqualTo(GroupMembershipEvent.MAX_MEMBERS_PER_EVENT);
                assertThat(part.snapshot().parts()).isEqualTo(MEMBERS / 1000);
                snapshotIds.add(part.snapshot().snapshotId());
                members.addAll(part.added());
            }
            assertThat(snapshotIds).hasSize(1);
            assertThat(members).hasSize(MEMBERS);
            assertThat(snapshot).extracting(e -> ((GroupMembershipEvent) e).snapshot().part())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, MEMBERS / 1000).boxed()
                            .toList());
            assertThat(outboxSize()).isZero();
        }
    }

    private void sql(String statement, Object... params) {
        database.preparedQuery(statement).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(60));
    }

    private long outboxSize() {
        return database.query("select count(*) from outbox").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
