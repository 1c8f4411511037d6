package io.scimitar.provisioner.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.log.LogQuery;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.clearMiroCounters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.counters;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroUsers;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.renamed;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart, whatever its options, converges the target on the directory's newest state: each object's newest state
 * once, never an older one than already sent, and no link forgotten (issues 17 item 5, 19 item 3).
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class RestartConvergenceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> WRITES = List.of("USERS_CREATE", "USERS_PATCH", "USERS_REPLACE",
            "USERS_DELETE", "GROUPS_CREATE", "GROUPS_PATCH", "GROUPS_REPLACE", "GROUPS_DELETE");

    @Inject
    ProvisioningLogRepository log;

    @Test
    void aFullRestartOfALongHistorySendsOnlyTheNewestStateOfWhatTheTargetLost() {
        History history = History.provisioned(this);
        // the target lost one user: the restart creates it again with its newest values, in one POST
        scim("DELETE", "/Users/" + history.targetId(history.one), null);
        clearMiroCounters();

        restartAndAwaitEveryObject(history, Map.of("full", true));

        assertThat(writes()).containsOnlyKeys("USERS_CREATE", "GROUPS_PATCH");
        assertThat(writes().get("USERS_CREATE")).isEqualTo(1);
        assertThat(writes().get("GROUPS_PATCH")).isEqualTo(1); // the re-created user back in its team
        history.assertNewestStatesOnly(restartEntries(history));
        history.assertTargetEqualsTheDirectory();
    }

    @Test
    void aFullRestartOntoAnEmptyTargetSendsOnePostPerObjectInScopeAndNothingElse() {
        History history = History.provisioned(this);
        for (UserSnapshot user : history.users) {
            miroUsers(user.userPrincipalName()).forEach(found -> scim("DELETE", "/Users/" + found.path("id").asText(),
                    null));
        }
        clearMiroCounters();

        restartAndAwaitEveryObject(history, Map.of("full", true));

        Map<String, Long> writes = writes();
        assertThat(writes.get("USERS_CREATE")).as("one POST per user in scope").isEqualTo(2);
        assertThat(writes).doesNotContainKeys("USERS_PATCH", "USERS_REPLACE", "USERS_DELETE");
        history.assertNewestStatesOnly(restartEntries(history));
        history.assertTargetEqualsTheDirectory(false);
    }

    @Test
    void aReplayOfTheWholeHistoryWithoutFullSendsNothingToATargetThatIsRight() {
        History history = History.provisioned(this);
        clearMiroCounters();

        restartAndAwaitEveryObject(history, Map.of());

        assertThat(writes()).isEmpty();
        history.assertNewestStatesOnly(restartEntries(history));
        history.assertTargetEqualsTheDirectory();
    }

    @Test
    void aFullRestartFromNowKeepsTheLinksSoALaterUnassignmentDisablesTheUser() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        UserSnapshot user = uniqueUser("Later", "Unassigned", "R");
        publish(assigned(app, user, 1));
        await().atMost(WAIT).until(() -> miroUsers(user.userPrincipalName()).size() == 1);

        restart(job, Map.of("from", Instant.now().toString(), "full", true));
        publish(unassigned(app, user, 2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(miroUsers(user.userPrincipalName()).get(0)
                .path("active").asBoolean()).isFalse());
        assertThat(miroUsers(user.userPrincipalName())).hasSize(1);
    }

    private void restartAndAwaitEveryObject(History history, Map<String, Object> body) {
        restart(history.job, body);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> restartEntries(history).stream().map(ProvisioningLogEntry::sourceId)
                        .collect(java.util.stream.Collectors.toSet()).containsAll(history.newest.keySet()));
        // and until nothing more comes (members added back come just after their users)
        awaitSettled(() -> restartEntries(history).size());
    }

    /** Waits until {@code count} stays the same for 2 s. */
    private static void awaitSettled(java.util.function.IntSupplier count) {
        int[] last = {count.getAsInt()};
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> {
            int now = count.getAsInt();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }

    private static void restart(String job, Map<String, Object> body) {
        asAdmin().contentType(ContentType.JSON).body(body).post("/api/v1/jobs/" + job + "/restart")
                .then().statusCode(200);
    }

    private List<ProvisioningLogEntry> entries(String job) {
        return log.find(new LogQuery(UUID.fromString(job), null, null, null, null, null, null, null, null, 1000))
                .await().indefinitely();
    }

    private List<ProvisioningLogEntry> restartEntries(History history) {
        return entries(history.job).stream().filter(entry -> !history.cyclesBefore.contains(entry.cycleId()))
                .toList();
    }

    /** The mock's answered writes by endpoint class since the counters were cleared (classes without any left out). */
    private static Map<String, Long> writes() {
        JsonNode counters = counters();
        Map<String, Long> writes = new HashMap<>();
        for (String endpoint : WRITES) {
            long count = 0;
            for (JsonNode status : counters.path(endpoint)) {
                count += status.asLong();
            }
            if (count > 0) {
                writes.put(endpoint, count);
            }
        }
        return writes;
    }

    /**
     * A job with a long history: a user renamed four times, one renamed then unassigned, one disabled then enabled
     * again and renamed, one unassigned then hard-deleted, one renamed then hard-deleted while active, one never
     * assigned, and a team renamed with two members.
     */
    private static final class History {
        final String app = newApplication();
        final String job = createJob(miroJob(app));
        final UserSnapshot one = uniqueUser("One", "Start", "H");
        final UserSnapshot two = uniqueUser("Two", "Start", "H");
        final UserSnapshot three = uniqueUser("Three", "Start", "H");
        final UserSnapshot four = uniqueUser("Four", "Start", "H");
        final UserSnapshot five = uniqueUser("Five", "Start", "H");
        final UserSnapshot six = uniqueUser("Six", "Never", "H");
        final List<UserSnapshot> users = List.of(one, two, three, four, five, six);
        final String groupId = UUID.randomUUID().toString();
        final String oldName = "Restart Old " + groupId.substring(0, 8);
        final String newName = "Restart New " + groupId.substring(0, 8);
        final String teamId = seedTeam(oldName);
        final Map<String, Long> newest = new HashMap<>();
        Set<UUID> cyclesBefore;
        private final RestartConvergenceTest test;

        private History(RestartConvergenceTest test) {
            this.test = test;
        }

        static History provisioned(RestartConvergenceTest test) {
            History history = new History(test);
            history.publishAll();
            history.awaitApplied();
            return history;
        }

        private void publishAll() {
            List<AssignmentEvent> events = new ArrayList<>();
            events.add(assigned(app, one, 1));
            for (int v = 2; v <= 5; v++) {
                events.add(assigned(app, renamed(one, "One", "Version" + v), v));
            }
            events.add(assigned(app, two, 1));
            events.add(assigned(app, renamed(two, "Two", "Renamed"), 2));
            events.add(unassigned(app, renamed(two, "Two", "Renamed"), 3));
            events.add(assigned(app, three, 1));
            events.add(assigned(app, disabled(three), 2));
            events.add(assigned(app, three, 3));
            events.add(assigned(app, renamed(three, "Three", "Final"), 4));
            events.add(assigned(app, four, 1));
            events.add(unassigned(app, four, 2));
            events.add(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, four.id(), 3,
                    four.userPrincipalName()));
            events.add(assigned(app, five, 1));
            events.add(assigned(app, renamed(five, "Five", "Renamed"), 2));
            events.add(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, five.id(), 3,
                    five.userPrincipalName()));
            events.add(unassigned(app, six, 1));
            events.add(assignedGroup(app, groupId, oldName, 1));
            events.add(membersAdded(app, groupId, 2, one.id(), three.id()));
            events.add(assignedGroup(app, groupId, newName, 3));
            publish(events.toArray(AssignmentEvent[]::new));
            newest.putAll(Map.of(one.id(), 5L, two.id(), 3L, three.id(), 4L, four.id(), 3L, five.id(), 3L,
                    six.id(), 1L, groupId, 3L));
        }

        private void awaitApplied() {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(this::assertTargetEqualsTheDirectory);
            await().atMost(WAIT).until(() -> test.entries(job).stream()
                    .anyMatch(entry -> entry.sourceId().equals(groupId) && Long.valueOf(3).equals(entry.objectVersion())));
            awaitSettled(() -> test.entries(job).size());
            cyclesBefore = new HashSet<>();
            test.entries(job).forEach(entry -> cyclesBefore.add(entry.cycleId()));
        }

        String targetId(UserSnapshot user) {
            return miroUsers(user.userPrincipalName()).get(0).path("id").asText();
        }

        /**
         * Every change of the restart applied an object's newest version, once; the other entries are members
         * added back to their team (no version: users re-created in the target).
         */
        void assertNewestStatesOnly(List<ProvisioningLogEntry> entries) {
            List<ProvisioningLogEntry> changes = entries.stream().filter(entry -> entry.objectVersion() != null)
                    .toList();
            assertThat(changes).allSatisfy(entry -> assertThat(entry.objectVersion())
                    .as("version applied to %s", entry.sourceDisplay())
                    .isEqualTo(newest.get(entry.sourceId())));
            assertThat(entries).filteredOn(entry -> entry.objectVersion() == null).allSatisfy(entry -> {
                assertThat(entry.sourceId()).isEqualTo(groupId);
                assertThat(entry.modifiedProperties()).singleElement()
                        .satisfies(property -> assertThat(String.valueOf(property.newValue())).startsWith("+"));
            });
            Map<String, Long> perObject = new HashMap<>();
            changes.forEach(entry -> perObject.merge(entry.sourceId(), 1L, Long::sum));
            assertThat(perObject).allSatisfy((object, count) -> assertThat(count).as(object).isEqualTo(1L));
        }

        void assertTargetEqualsTheDirectory() {
            assertTargetEqualsTheDirectory(true);
        }

        /**
         * The target holds the newest state of every user in scope; the unassigned user is there disabled, or, when
         * the target lost it ({@code unassignedKept} false), not created again.
         */
        void assertTargetEqualsTheDirectory(boolean unassignedKept) {
            JsonNode first = single(one);
            assertThat(first.path("displayName").asText()).isEqualTo("One Version5");
            assertThat(first.path("active").asBoolean()).isTrue();
            if (unassignedKept) {
                JsonNode second = single(two);
                assertThat(second.path("active").asBoolean()).isFalse();
                assertThat(second.path("displayName").asText()).isEqualTo("Two Renamed");
            } else {
                assertThat(miroUsers(two.userPrincipalName())).isEmpty();
            }
            JsonNode third = single(three);
            assertThat(third.path("displayName").asText()).isEqualTo("Three Final");
            assertThat(third.path("active").asBoolean()).isTrue();
            assertThat(miroUsers(four.userPrincipalName())).isEmpty();
            assertThat(miroUsers(five.userPrincipalName())).isEmpty();
            assertThat(miroUsers(six.userPrincipalName())).isEmpty();
            JsonNode team = miroTeam(teamId);
            assertThat(team.path("displayName").asText()).isEqualTo(newName);
            List<String> members = new ArrayList<>();
            team.path("members").forEach(member -> members.add(member.path("value").asText()));
            assertThat(members).containsExactlyInAnyOrder(first.path("id").asText(), third.path("id").asText());
        }

        private static JsonNode single(UserSnapshot user) {
            List<JsonNode> found = miroUsers(user.userPrincipalName());
            assertThat(found).as(user.userPrincipalName()).hasSize(1);
            return found.get(0);
        }
    }
}
