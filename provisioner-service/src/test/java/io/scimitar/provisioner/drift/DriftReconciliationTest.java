package io.scimitar.provisioner.drift;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.membership.MembershipRepository;
import io.scimitar.provisioner.membership.MembershipRow;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.scimitar.provisioner.drift.DriftFixture.WAIT;
import static io.scimitar.provisioner.drift.DriftFixture.addMiroUser;
import static io.scimitar.provisioner.drift.DriftFixture.byKind;
import static io.scimitar.provisioner.drift.DriftFixture.deleteMiroUser;
import static io.scimitar.provisioner.drift.DriftFixture.differences;
import static io.scimitar.provisioner.drift.DriftFixture.editMiroUser;
import static io.scimitar.provisioner.drift.DriftFixture.reconcile;
import static io.scimitar.provisioner.drift.DriftFixture.removeMiroTeamMember;
import static io.scimitar.provisioner.drift.DriftFixture.resetMiro;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroFaults;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroWrites;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.scim;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.seedTeam;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test: the Miro mock is changed behind the job's back through its admin API, as an administrator changes
 * Miro in its own UI (50 users edited, 5 disabled users reactivated, 5 deleted, 10 unknown users added, a member removed
 * from each of 3 teams), and a reconciliation reports exactly those differences; repair mode sets them right through
 * the pipeline and a second reconciliation finds nothing.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class DriftReconciliationTest {

    @Inject
    LinkRepository links;

    @Inject
    MembershipRepository memberships;

    @Inject
    ProvisioningLogRepository log;

    @Test
    void reportsExactlyWhatChangedBehindTheJobsBackThenRepairsIt() {
        resetMiro();
        String app = newApplication();
        Map<String, Object> settings = miroJob(app);
        settings.put("deletionThreshold", 100);
        UUID job = UUID.fromString(createJob(settings));
        List<UserSnapshot> users = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            users.add(uniqueUser("Drift" + i, "User" + i, "Sales"));
        }
        users.forEach(user -> publish(assigned(app, user, 1)));
        List<UserSnapshot> toDisable = users.subList(50, 55);
        toDisable.forEach(user -> publish(assigned(app, disabled(user), 2)));
        List<String> teamNames = List.of("Drift A " + app, "Drift B " + app, "Drift C " + app);
        Map<String, String> teamIds = new LinkedHashMap<>();
        for (int t = 0; t < 3; t++) {
            teamIds.put("g-" + t + "-" + app, seedTeam(teamNames.get(t)));
            String groupId = "g-" + t + "-" + app;
            publish(assignedGroup(app, groupId, teamNames.get(t), 1));
            publish(membersAdded(app, groupId, 2, users.subList(60 + 3 * t, 63 + 3 * t).stream()
                    .map(UserSnapshot::id).toArray(String[]::new)));
        }
        Map<String, ObjectLink> userLinks = awaitUsersProvisioned(job, users, toDisable);
        awaitMembersExported(job, teamIds.keySet(), 3);

        // behind the job's back, as a Miro administrator in Miro's own UI (the mock's admin API, no SCIM request):
        // 50 edits, 5 reactivations, 5 deletions, 10 unknown users, a member taken out of each of 3 teams
        long scimWrites = miroWrites();
        Map<String, String> edited = new HashMap<>();
        for (UserSnapshot user : users.subList(0, 50)) {
            String target = userLinks.get(user.id()).targetId();
            boolean familyName = edited.size() % 5 == 0;
            edited.put(target, familyName ? "name.familyName" : "displayName");
            editMiroUser(target, familyName ? "{\"name\":{\"familyName\":\"Edited in Miro\"}}"
                    : "{\"displayName\":\"Edited in Miro\"}");
        }
        Set<String> reactivated = new HashSet<>();
        for (UserSnapshot user : toDisable) {
            String target = userLinks.get(user.id()).targetId();
            reactivated.add(target);
            editMiroUser(target, "{\"active\":true}");
        }
        Set<String> deleted = new HashSet<>();
        for (UserSnapshot user : users.subList(55, 60)) {
            String target = userLinks.get(user.id()).targetId();
            deleted.add(target);
            deleteMiroUser(target);
        }
        Set<String> unknown = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            unknown.add(addMiroUser("stranger" + i + "." + app.substring(0, 8) + "@elsewhere.example",
                    "Stranger " + i));
        }
        Set<String> removedMembers = new HashSet<>();
        int t = 0;
        for (String teamId : teamIds.values()) {
            String member = userLinks.get(users.get(60 + 3 * t).id()).targetId();
            removedMembers.add(teamId + "/" + member);
            removeMiroTeamMember(teamId, member);
            t++;
        }
        assertThat(miroWrites()).as("the admin API's changes are not SCIM requests").isEqualTo(scimWrites);

        JsonPath report = reconcile(job, "{\"mode\":\"REPORT\"}");
        assertThat(report.getString("status")).isEqualTo("COMPLETED");
        assertThat(report.getMap("found")).containsExactlyInAnyOrderEntriesOf(Map.of("ATTRIBUTE", 50, "STATE", 5,
                "MISSING", 5, "ORPHAN", 10, "MEMBERSHIP", 3));
        assertThat(report.getMap("repaired")).isEmpty();
        String rid = report.getString("id");
        List<Map<String, Object>> differences = differences(job, rid);
        assertThat(differences).hasSize(73);
        assertThat(byKind(differences, "ATTRIBUTE")).allSatisfy(d -> {
            assertThat(d.get("attribute")).isEqualTo(edited.get((String) d.get("targetId")));
            assertThat(d.get("found")).isEqualTo("Edited in Miro");
            assertThat(d.get("expected")).isNotEqualTo("Edited in Miro").isNotNull();
        });
        assertThat(byKind(differences, "ATTRIBUTE")).extracting(d -> d.get("targetId"))
                .containsExactlyInAnyOrderElementsOf(edited.keySet());
        assertThat(byKind(differences, "STATE")).allSatisfy(d -> {
            assertThat(d.get("attribute")).isEqualTo("active");
            assertThat(d.get("expected")).isEqualTo("false");
            assertThat(d.get("found")).isEqualTo("true");
        }).extracting(d -> d.get("targetId")).containsExactlyInAnyOrderElementsOf(reactivated);
        assertThat(byKind(differences, "MISSING")).extracting(d -> d.get("targetId"))
                .containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(byKind(differences, "ORPHAN")).allSatisfy(d -> assertThat(d.get("detail"))
                        .isEqualTo("matches no source user"))
                .extracting(d -> d.get("targetId")).containsExactlyInAnyOrderElementsOf(unknown);
        assertThat(byKind(differences, "MEMBERSHIP")).extracting(d -> d.get("targetId") + "/" + d.get("expected"))
                .containsExactlyInAnyOrderElementsOf(removedMembers);

        String csv = asAdmin().get("/api/v1/jobs/" + job + "/reconciliations/" + rid + "/differences?format=csv")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.lines()).hasSize(74).first().isEqualTo(ReconciliationResource.CSV_HEADER);
        assertThat(csv).doesNotContain(MiroMockResource.TOKEN);
        assertThat(asAdmin().get("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(200).extract()
                .jsonPath().getList("id")).containsExactly(rid);
        assertThat(metric("scimitar_provisioner_drift_found_total", job, "ORPHAN")).isEqualTo(10.0);

        JsonPath repair = reconcile(job, "{\"mode\":\"REPAIR\",\"policies\":{\"orphans\":\"DELETE\"}}");
        assertThat(repair.getString("status")).isEqualTo("COMPLETED");
        assertThat(repair.getMap("repaired")).containsExactlyInAnyOrderEntriesOf(Map.of("ATTRIBUTE", 50, "STATE", 5,
                "MISSING", 5, "ORPHAN", 10, "MEMBERSHIP", 3));
        assertThat(metric("scimitar_provisioner_drift_repaired_total", job, "ATTRIBUTE")).isEqualTo(50.0);
        List<ProvisioningLogEntry> logged = log.forObject(job, users.get(0).id()).await().indefinitely();
        assertThat(logged).anySatisfy(entry -> {
            assertThat(entry.steps()).anySatisfy(step -> {
                assertThat(step.name()).isEqualTo("EntryDriftFound");
                assertThat(step.details()).containsEntry("reason", "drift");
            });
            assertThat(entry.modifiedProperties()).anySatisfy(p -> assertThat(p.oldValue())
                    .isEqualTo("Edited in Miro"));
        });
        // the disables of the reactivated users settle in the deletion guard before they go out
        await().atMost(WAIT).until(() -> reactivated.stream().noneMatch(target ->
                scim("GET", "/Users/" + target, null).path("active").asBoolean(true)));

        JsonPath second = reconcile(job, null);
        assertThat(second.getMap("found")).isEmpty();
        assertThat(differences(job, second.getString("id"))).isEmpty();
    }

    @Test
    void answersProblemsForBadInput() {
        String app = newApplication();
        String job = createJob(miroJob(app));
        asAdmin().get("/api/v1/jobs/" + job + "/reconciliations/" + UUID.randomUUID()).then().statusCode(404);
        asAdmin().contentType(ContentType.JSON).body("{\"mode\":\"FIX\"}")
                .post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(400)
                .contentType("application/problem+json");
        JsonPath done = reconcile(UUID.fromString(job), null);
        asAdmin().get("/api/v1/jobs/" + job + "/reconciliations/" + done.getString("id") + "/differences?kind=nope")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("kind"));
        asAdmin().post("/api/v1/jobs/" + job + "/reconciliations/" + done.getString("id") + "/cancel")
                .then().statusCode(409);
        given().header("X-API-Key", io.scimitar.provisioner.provisioning.ProvisioningFixture.READER_KEY)
                .post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(403);
    }

    @Test
    void showsProgressAndCanBeCancelledWhileRunning() {
        String job = createJob(miroJob(newApplication()));
        miroFaults("[{\"endpoint\":\"USERS_LIST\",\"latencyMs\":3000}]");
        try {
            String location = asAdmin().post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(202)
                    .extract().header("Location");
            await().atMost(WAIT).until(() -> "reading the target's users".equals(asAdmin().get(location).then()
                    .extract().path("phase")));
            asAdmin().post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(409);

            asAdmin().post(location + "/cancel").then().statusCode(200).body("status",
                    org.hamcrest.Matchers.equalTo("CANCELLED"));

            asAdmin().get(location).then().body("status", org.hamcrest.Matchers.equalTo("CANCELLED"));
            asAdmin().delete(location).then().statusCode(409);
        } finally {
            miroFaults("[]");
        }
    }

    private Map<String, ObjectLink> awaitUsersProvisioned(UUID job, List<UserSnapshot> users,
            List<UserSnapshot> disabledUsers) {
        Set<String> disabledIds = disabledUsers.stream().map(UserSnapshot::id).collect(Collectors.toSet());
        Map<String, ObjectLink> found = new HashMap<>();
        await().atMost(WAIT).until(() -> {
            found.clear();
            found.putAll(links.all(job, ObjectType.USER).await().indefinitely());
            return users.stream().allMatch(user -> {
                ObjectLink link = found.get(user.id());
                return link != null && link.targetId() != null && link.state()
                        == (disabledIds.contains(user.id()) ? LinkState.DISABLED : LinkState.ACTIVE);
            });
        });
        return found;
    }

    private void awaitMembersExported(UUID job, Set<String> groupIds, int members) {
        await().atMost(WAIT).until(() -> groupIds.stream().allMatch(group -> memberships.rows(job, group)
                .await().indefinitely().stream().filter(MembershipRow::exported).count() == members));
    }

    private static double metric(String name, UUID job, String kind) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(name + "{") && line.contains("job=\"" + job + "\"")
                        && line.contains("kind=\"" + kind + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
