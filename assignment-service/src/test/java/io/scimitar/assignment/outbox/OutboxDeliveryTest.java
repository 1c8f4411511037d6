package io.scimitar.assignment.outbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.deploy.kafka.KafkaServerProcess;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.scimitar.assignment.support.EventTap.about;
import static io.scimitar.assignment.support.EventTap.forApplication;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class OutboxDeliveryTest {

    @Inject
    Pool database;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void createsTheTopicWithTheConfiguredPartitions() throws Exception {
        try (EventTap tap = EventTap.open()) {
            assertThat(tap.partitionCount()).isEqualTo(8);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.describeTopics(List.of(AssignmentTopics.ASSIGNMENT_EVENTS)).allTopicNames().get()
                    .get(AssignmentTopics.ASSIGNMENT_EVENTS).partitions()).hasSize(8);
        }
    }

    /**
     * The broker is stopped while writes go on for {@code scimitar.test.outage} (10 s by default, so the suite stays
     * short; {@code -Dscimitar.test.outage=60s} runs the minute-long outage of the issue).
     */
    @Test
    void deliversEveryEventWrittenWhileTheBrokerWasDownInOrderPerObject() {
        Duration outage = Duration.parse("PT" + System.getProperty("scimitar.test.outage", "10s").toUpperCase());
        KafkaServerProcess broker = KafkaProcessResource.broker();
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Outage");
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                users.add(Api.createUser("outage" + i));
            }
            int rounds = 0;
            broker.stop();
            try {
                for (String user : users) {
                    Api.assign(app, user);
                }
                long end = System.nanoTime() + outage.toNanos();
                while (System.nanoTime() < end) {
                    for (String user : users) {
                        Api.patchUser(user, Map.of("jobTitle", "Round " + rounds)).statusCode(200);
                    }
                    rounds++;
                    sleep(Duration.ofMillis(200));
                }
                assertThat(outboxSize()).isGreaterThanOrEqualTo(users.size() * (1L + rounds));
            } finally {
                broker.start();
            }
            System.out.printf("Broker down for %s while %d events were written%n", outage, users.size() * (1 + rounds));

            int perUser = 1 + rounds;
            List<AssignmentEvent> events = tap.await(forApplication(app), users.size() * perUser,
                    Duration.ofSeconds(120));
            for (String user : users) {
                List<AssignmentEvent> ofUser = events.stream().filter(about(app, user)).toList();
                // at least once: a redelivered run may repeat events, but new versions only ever come in order
                List<Long> firstSeen = ofUser.stream().map(AssignmentEvent::objectVersion).distinct().toList();
                assertThat(firstSeen).as("versions in order of first delivery").hasSize(perUser).isSorted();
                UserAssignmentEvent last = (UserAssignmentEvent) ofUser.stream()
                        .max(java.util.Comparator.comparingLong(AssignmentEvent::objectVersion)).orElseThrow();
                assertThat(last.user().jobTitle()).isEqualTo("Round " + (rounds - 1));
                assertThat(last.assigned()).isTrue();
            }
        }
    }

    @Test
    void relaysRowsLeftInTheOutboxBeforeThisProcessStarted() {
        try (EventTap tap = EventTap.open()) {
            String app = UUID.randomUUID().toString();
            UserSnapshot user = new UserSnapshot(UUID.randomUUID().toString(), "left@contoso.com", null, null, null,
                    null, "Left behind", null, null, null, null, null, null, null, null, null, null, List.of(), null,
                    true, null, Map.of(), Instant.now(), Instant.now(), null);
            UserAssignmentEvent event = UserAssignmentEvent.of(UUID.randomUUID(), Instant.now(), app, 1, "TEST", user,
                    true, List.of(), false);
            // a plain insert, as a crashed instance would have left it: the relay is woken by the trigger
            database.preparedQuery("insert into outbox (event_key, event_type, payload) values ($1, $2, $3)")
                    .execute(Tuple.of(event.key(), event.type(), AssignmentEventCodec.encodeToString(event)))
                    .await().atMost(Duration.ofSeconds(10));

            assertThat(tap.await(forApplication(app), 1, Duration.ofSeconds(10))).containsExactly(event);
        }
    }

    /**
     * While this instance relays, each commit wakes its relay directly, rather than through a notification or the
     * fallback poll: with neither, every one of these deliveries would come from a poll round. How fast delivery is
     * gets measured by the whole-stack benchmark's latency phase, not here.
     */
    @Test
    void eachCommitWakesTheRelayDirectlyWhileThisInstanceRelays() {
        try (EventTap tap = EventTap.open()) {
            Assigned assigned = assignedAndDelivered(tap, "Woken", "woken");
            String app = assigned.app();
            String user = assigned.user();
            assertThat(relay.relaying()).as("relaying after delivering").isTrue();
            int updates = 20;
            long wokenBefore = relay.commitWakeUpCount();
            long polledBefore = relay.pollWakeUpCount();
            for (int i = 0; i < updates; i++) {
                Api.patchUser(user, Map.of("jobTitle", "Take " + i)).statusCode(200);
                tap.await(about(app, user), i + 2, Duration.ofSeconds(10));
            }
            // a late wake-up may share a round with the next one, so not every update is counted alone
            assertThat(relay.commitWakeUpCount() - wokenBefore).as("wake-ups by a commit")
                    .isGreaterThanOrEqualTo(updates / 2);
            assertThat(relay.pollWakeUpCount() - polledBefore).as("wake-ups by the poll")
                    .isLessThan(updates / 2);
        }
    }

    /**
     * While another instance holds the relay's lock (a session of this test stands in for it), commits here reach it
     * through notifications: the first by the relay that finds the lock taken after holding it, the next by the
     * commit itself. Both events are delivered, in order, once the lock is free.
     */
    @Test
    void commitsAreNotifiedToTheInstanceThatRelaysNow() {
        try (EventTap tap = EventTap.open()) {
            Assigned assigned = assignedAndDelivered(tap, "Handed over", "handed-over");
            String app = assigned.app();
            String user = assigned.user();
            AtomicInteger notifications = new AtomicInteger();
            SqlConnection listener = database.getConnection().await().atMost(Duration.ofSeconds(10));
            SqlConnection otherInstance = database.getConnection().await().atMost(Duration.ofSeconds(10));
            try {
                PgConnection.cast(listener).notificationHandler(notification -> notifications.incrementAndGet());
                listener.query("listen " + OutboxNotifications.CHANNEL).execute()
                        .await().atMost(Duration.ofSeconds(10));
                otherInstance.query("begin").execute().await().atMost(Duration.ofSeconds(10));
                otherInstance.preparedQuery("select pg_advisory_xact_lock($1)")
                        .execute(Tuple.of(OutboxRelay.RELAY_LOCK)).await().atMost(Duration.ofSeconds(10));

                Api.patchUser(user, Map.of("jobTitle", "First")).statusCode(200);
                awaitCount(notifications, 1, "the relay's hand-over");
                assertThat(relay.relaying()).as("relaying while another instance holds the lock").isFalse();
                Api.patchUser(user, Map.of("jobTitle", "Second")).statusCode(200);
                awaitCount(notifications, 2, "the second commit's notification");
                assertThat(tap.settle(about(app, user), Duration.ofMillis(300))).as("delivered while the lock is held")
                        .hasSize(1);

                otherInstance.query("commit").execute().await().atMost(Duration.ofSeconds(10));
                List<AssignmentEvent> events = tap.await(about(app, user), 3, Duration.ofSeconds(10));
                assertThat(events).extracting(event -> ((UserAssignmentEvent) event).user().jobTitle())
                        .endsWith("First", "Second");
                assertThat(notifications.get()).as("notifications").isEqualTo(2);
            } finally {
                otherInstance.close().await().atMost(Duration.ofSeconds(10));
                listener.close().await().atMost(Duration.ofSeconds(10));
            }
        }
    }

    private record Assigned(String app, String user) {
    }

    /** A new user assigned to a new application, once the assignment's event is read. */
    private static Assigned assignedAndDelivered(EventTap tap, String application, String userName) {
        String app = Api.createApplication(application);
        String user = Api.createUser(userName);
        Api.assign(app, user);
        tap.await(about(app, user), 1, Duration.ofSeconds(10));
        return new Assigned(app, user);
    }

    private static void awaitCount(AtomicInteger count, int expected, String what) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (count.get() < expected && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(20));
        }
        assertThat(count.get()).as(what).isEqualTo(expected);
    }

    private long outboxSize() {
        return database.query("select count(*) from outbox").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
