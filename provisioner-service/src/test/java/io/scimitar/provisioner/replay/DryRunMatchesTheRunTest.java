package io.scimitar.provisioner.replay;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.log.LogQuery;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.renamed;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dry run answers what the run after it does: it walks the compacted view of the history, as a restart applies it
 * (each object's newest state once, however often it changed), and shows a value that became empty as cleared, as the
 * real run clears it (against the third-party SCIM server, which can clear).
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class DryRunMatchesTheRunTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ThirdPartyScimServer server;

    @Inject
    ProvisioningLogRepository log;

    @BeforeAll
    static void startServer() {
        server = ThirdPartyScimServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theDryRunOfAHistoryWithRepeatedChangesAnswersWhatTheRestartThenDoesObjectByObject() {
        String app = newApplication();
        String job = createJob(Map.of("name", "Dry run " + app, "applicationId", app, "profile", "GENERIC_SCIM",
                "tenantUrl", server.scimUrl(), "secretToken", ThirdPartyScimServer.TOKEN, "allowInsecureHttp", true,
                "status", "ON"));
        UserSnapshot renamedOften = uniqueUser("Often", "Renamed", "Dry");
        UserSnapshot cleared = uniqueUser("Title", "Cleared", "Dry");
        UserSnapshot leaving = uniqueUser("Leaving", "Soon", "Dry");
        UserSnapshot unchanged = uniqueUser("Stays", "Same", "Dry");
        publish(assigned(app, renamedOften, 1), assigned(app, cleared, 1), assigned(app, leaving, 1),
                assigned(app, unchanged, 1));
        await().atMost(WAIT).until(() -> server.user(renamedOften.userPrincipalName()) != null
                && server.user(cleared.userPrincipalName()) != null && server.user(leaving.userPrincipalName()) != null
                && server.user(unchanged.userPrincipalName()) != null);
        awaitSettled(() -> entries(job).size());
        Set<UUID> cyclesBefore = entries(job).stream().map(ProvisioningLogEntry::cycleId).collect(Collectors.toSet());

        // while the job is paused the history grows: repeated changes, a cleared title, an unassignment, a newcomer
        asAdmin().post("/api/v1/jobs/" + job + "/pause").then().statusCode(200);
        UserSnapshot newcomer = uniqueUser("New", "Comer", "Dry");
        UserSnapshot neverAssigned = uniqueUser("Never", "Assigned", "Dry");
        List<AssignmentEvent> history = new ArrayList<>();
        for (int v = 2; v <= 5; v++) {
            history.add(assigned(app, renamed(renamedOften, "Often", "Version" + v), v));
        }
        history.add(assigned(app, renamed(cleared, "Title", "Changing"), 2));
        history.add(assigned(app, withoutTitle(cleared), 3));
        history.add(assigned(app, renamed(leaving, "Leaving", "Now"), 2));
        history.add(unassigned(app, renamed(leaving, "Leaving", "Now"), 3));
        history.add(assigned(app, newcomer, 1));
        history.add(assigned(app, renamed(newcomer, "New", "Comer-Renamed"), 2));
        history.add(unassigned(app, neverAssigned, 1));
        publish(history.toArray(AssignmentEvent[]::new));

        JsonPath plan = asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/jobs/" + job
                + "/dry-run").then().statusCode(200).extract().jsonPath();
        Map<String, String> planned = new HashMap<>();
        List<Map<String, Object>> changes = plan.getList("changes");
        changes.forEach(change -> planned.put((String) change.get("sourceId"), (String) change.get("action")));
        assertThat(planned).containsOnlyKeys(renamedOften.id(), cleared.id(), leaving.id(), newcomer.id());
        assertThat(planned.get(renamedOften.id())).isEqualTo("UPDATE");
        assertThat(planned.get(cleared.id())).isEqualTo("UPDATE");
        assertThat(planned.get(leaving.id())).isEqualTo("DISABLE");
        assertThat(planned.get(newcomer.id())).isEqualTo("CREATE");
        assertThat(plan.getInt("counts.SKIP")).as("the unchanged user and the one never assigned").isEqualTo(2);
        assertThat(values(changes, cleared.id())).contains(Map.of("displayName", "displayName",
                "oldValue", "Title Cleared", "newValue", "Title Changing"));
        assertThat(values(changes, cleared.id())).anySatisfy(value -> {
            assertThat(value.get("displayName")).isEqualTo("title");
            assertThat(value.get("oldValue")).isEqualTo("Engineer");
            assertThat(value).containsEntry("newValue", null);
        });
        assertThat(values(changes, renamedOften.id())).contains(Map.of("displayName", "displayName",
                "oldValue", "Often Renamed", "newValue", "Often Version5"));

        asAdmin().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/jobs/" + job + "/restart").then()
                .statusCode(200);
        asAdmin().post("/api/v1/jobs/" + job + "/start").then().statusCode(200);
        Set<String> everyObject = Set.of(renamedOften.id(), cleared.id(), leaving.id(), unchanged.id(),
                newcomer.id(), neverAssigned.id());
        await().atMost(WAIT).until(() -> run(job, cyclesBefore).stream().map(ProvisioningLogEntry::sourceId)
                .collect(Collectors.toSet()).containsAll(everyObject));
        await().atMost(WAIT).until(() -> !server.user(leaving.userPrincipalName()).path("active").asBoolean());
        awaitSettled(() -> entries(job).size());

        List<ProvisioningLogEntry> run = run(job, cyclesBefore);
        Map<String, String> done = new HashMap<>();
        Map<String, Integer> doneCounts = new HashMap<>();
        for (ProvisioningLogEntry entry : run) {
            assertThat(done).as("one change per object: %s", entry).doesNotContainKey(entry.sourceId());
            String action = entry.status() == ProvisioningStatus.SKIPPED ? "SKIP" : entry.action().name();
            done.put(entry.sourceId(), action);
            doneCounts.merge(action, 1, Integer::sum);
        }
        done.values().removeIf("SKIP"::equals);
        assertThat(done).isEqualTo(planned);
        Map<String, Integer> plannedCounts = new HashMap<>();
        plan.getMap("counts", String.class, Integer.class).forEach(plannedCounts::put);
        assertThat(doneCounts).isEqualTo(plannedCounts);
        ProvisioningLogEntry clearing = run.stream().filter(entry -> entry.sourceId().equals(cleared.id()))
                .findFirst().orElseThrow();
        assertThat(clearing.modifiedProperties()).anySatisfy(property -> {
            assertThat(property.displayName()).isEqualTo("title");
            assertThat(property.oldValue()).isEqualTo("Engineer");
            assertThat(property.newValue()).isNull();
        });
        assertThat(server.user(cleared.userPrincipalName()).has("title")).isFalse();
        assertThat(server.user(renamedOften.userPrincipalName()).path("displayName").asText())
                .isEqualTo("Often Version5");
        assertThat(run.stream().filter(entry -> entry.sourceId().equals(renamedOften.id())).findFirst().orElseThrow()
                .modifiedProperties()).extracting(ModifiedProperty::displayName).contains("displayName");
    }

    private static List<Map<String, Object>> values(List<Map<String, Object>> changes, String sourceId) {
        return changes.stream().filter(change -> sourceId.equals(change.get("sourceId"))).findFirst()
                .map(change -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> values = (List<Map<String, Object>>) change.get("values");
                    return values;
                }).orElseThrow();
    }

    private static UserSnapshot withoutTitle(UserSnapshot user) {
        UserSnapshot base = renamed(user, "Title", "Changing");
        return new UserSnapshot(base.id(), base.userPrincipalName(), base.mail(), base.mailNickname(),
                base.givenName(), base.surname(), base.displayName(), null, base.department(), base.companyName(),
                base.employeeId(), base.employeeType(), base.officeLocation(), base.city(), base.country(),
                base.usageLocation(), base.mobilePhone(), base.businessPhones(), base.preferredLanguage(),
                base.accountEnabled(), base.managerId(), base.extensionAttributes(), base.createdDateTime(),
                base.modifiedDateTime(), base.deletedDateTime());
    }

    private List<ProvisioningLogEntry> entries(String job) {
        return log.find(new LogQuery(UUID.fromString(job), null, null, null, null, null, null, null, null, 1000))
                .await().indefinitely();
    }

    /** The entries of the run after the dry run: those of cycles that began after the first sync. */
    private List<ProvisioningLogEntry> run(String job, Set<UUID> cyclesBefore) {
        return entries(job).stream().filter(entry -> !cyclesBefore.contains(entry.cycleId())).toList();
    }

    /** Waits until {@code count} stays the same for 3 s. */
    private static void awaitSettled(IntSupplier count) {
        int[] last = {count.getAsInt()};
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(40)).until(() -> {
            int now = count.getAsInt();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }
}
