package io.scimitar.faulttests;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19, what a new process of the provisioner finds (not a job's runner stopped and started in the same JVM):
 * {@code kill -9} of provisioner-service, then a new one, with two jobs in flight. The guarded job has a burst of
 * disables held by its deletion guard (threshold 5) and its progress to date; the failing job has failures below
 * the failure share's minimum sample. The kill happens once, before the tests; each test checks what the new
 * process kept.
 */
@ExtendWith(FaultStackExtension.class)
class ProvisionerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int THRESHOLD = 5;
    private static final int DISABLED = 8;
    /** provisioner-service's default {@code scimitar.quarantine.minimum-changes}. */
    private static final int MINIMUM_SAMPLE = 25;
    private static final List<Map<String, Object>> FAIL_CREATES = List.of(Map.of("endpoint", "USERS_CREATE",
            "errorRate", 1.0, "errorStatus", 400));
    static final String ADMIN_MAIL = "guard-admin@example.com";

    private static DemoLoader.Loaded guarded;
    private static ExpectedMiro guardedExpected;
    private static List<String> disabledUserNames;
    private static JsonNode progressBeforeTheKill;
    private static DemoLoader.Loaded failing;
    private static ExpectedMiro failingExpected;
    private static long failuresBeforeTheKill;

    private final FaultStack stack;

    ProvisionerRestartTest(FaultStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void holdDeletionsAndFailChangesThenKillTheProvisioner(FaultStack stack) {
        stack.resetMiro();
        DemoDirectory guardedDemo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(20, 1901,
                "guard.example.com", false));
        guardedExpected = ExpectedMiro.of(guardedDemo);
        guarded = stack.load(guardedDemo, "Miro restart guard");
        stack.awaitMiroUsersMatch(guarded, guardedExpected, WAIT);
        guard(stack, guarded);

        stack.miroAdmin().put("/admin/faults", FAIL_CREATES);
        DemoDirectory failingDemo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(20, 1902,
                "share.example.com", false));
        failingExpected = ExpectedMiro.of(failingDemo);
        assertThat(failingExpected.activeUsers()).as("creates that fail before the kill, below the minimum sample")
                .isBetween(6L, MINIMUM_SAMPLE - 8L);
        failing = stack.load(failingDemo, "Miro restart share");
        await().atMost(WAIT).until(() -> failures(stack, failing) >= failingExpected.activeUsers());
        failuresBeforeTheKill = failures(stack, failing);
        assertThat(quarantineReason(stack, failing)).as("below the minimum sample").isNull();

        DirectoryChanges changes = new DirectoryChanges(stack.directory(), guarded.applicationId(), guardedExpected);
        List<String> leavers = guardedExpected.userIds().stream().filter(guardedExpected::shouldBeActive)
                .limit(DISABLED).toList();
        assertThat(leavers).hasSize(DISABLED);
        disabledUserNames = leavers.stream().map(id -> guardedExpected.person(id).userName()).toList();
        leavers.forEach(changes::disable);
        await().atMost(WAIT).until(() -> held(stack).size() == DISABLED
                && "TooManyDeletes".equals(quarantineReason(stack, guarded)));
        assertThat(activeInMiro(stack)).as("no disable went out").isEqualTo(DISABLED);
        progressBeforeTheKill = progress(stack, guarded);

        stack.processes().killService(LocalStack.PROVISIONER_SERVICE);
        stack.processes().startService(LocalStack.PROVISIONER_SERVICE);
    }

    @AfterAll
    static void deleteTheJobs(FaultStack stack) {
        stack.miroAdmin().delete("/admin/faults");
        stack.cleanUpAfter(guarded);
        stack.cleanUpAfter(failing);
    }

    @Test
    void heldDeletionsStayHeldInTheNewProcessAndGoOutOnceWhenAllowed() {
        await().during(Duration.ofSeconds(15)).atMost(WAIT).until(() -> held(stack).size() == DISABLED
                && "TooManyDeletes".equals(quarantineReason(stack, guarded)) && activeInMiro(stack) == DISABLED);
        long patchesBefore = userPatches();

        JsonNode allowed = stack.provisioner().post("/api/v1/jobs/" + guarded.jobId() + "/staged-deletions/allow",
                null, 200);

        assertThat(allowed.path("released").asInt()).isEqualTo(DISABLED);
        await().atMost(WAIT).until(() -> activeInMiro(stack) == 0);
        await().atMost(WAIT).until(() -> quarantineReason(stack, guarded) == null && held(stack).isEmpty());
        await().during(Duration.ofSeconds(5)).atMost(WAIT).until(() -> disablesLogged() == DISABLED);
        assertThat(userPatches() - patchesBefore).as("one disable each, sent once").isEqualTo(DISABLED);
    }

    @Test
    void progressToDateAndTheTotalSurviveTheNewProcess() {
        JsonNode after = progress(stack, guarded);

        JsonNode before = progressBeforeTheKill;
        assertThat(before.path("statistics").path("byAction").path("create").asLong())
                .as("the users the sync created").isGreaterThanOrEqualTo(guardedExpected.activeUsers() + DISABLED);
        assertThat(after.path("statistics").path("byAction").path("create").asLong())
                .isEqualTo(before.path("statistics").path("byAction").path("create").asLong());
        assertThat(after.path("objectsInScope").path("total").asLong())
                .isEqualTo(before.path("objectsInScope").path("total").asLong()).isPositive();
        assertThat(after.path("objectsDone").asLong()).isEqualTo(before.path("objectsDone").asLong());
    }

    @Test
    void failuresBeforeTheKillStillCountTowardTheFailureShare() {
        // renames of users whose creation failed: each a new change that fails again
        DirectoryChanges changes = new DirectoryChanges(stack.directory(), failing.applicationId(), failingExpected);
        long more = MINIMUM_SAMPLE - failuresBeforeTheKill + 1;
        assertThat(more).as("alone, too few to be judged").isLessThan(MINIMUM_SAMPLE);
        List<String> renamed = failingExpected.userIds().stream().filter(failingExpected::shouldBeActive)
                .limit(more).toList();
        assertThat(renamed).hasSize((int) more);
        renamed.forEach(id -> changes.rename(id, "Again", failingExpected.person(id).surname()));

        // the job may be quarantined before the last renames are applied (the window holds its successes too, so it
        // can reach the minimum sample first); those then wait for the quarantine's retry. Either way the failures
        // recorded since the kill are fewer than the minimum sample: the quarantine counted the earlier ones.
        await().atMost(WAIT).until(() -> "EncounteredEscrowProportionThreshold"
                .equals(quarantineReason(stack, failing)));
        long sinceTheKill = failures(stack, failing) - failuresBeforeTheKill;
        assertThat(sinceTheKill).as("failures recorded since the kill").isPositive().isLessThan(MINIMUM_SAMPLE);
    }

    @Test
    void theQuarantineEmailReachesTheStacksMailCatcherOnceWithTheHeldDeletionsAndNoSecret() {
        Http inbox = new Http(stack.processes().mailCatcher().messagesOf(ADMIN_MAIL), null, null);
        // the mail catcher answers 400 for an address no message reached yet
        await().atMost(WAIT).ignoreExceptions().until(() -> inbox.get("").size() >= 1);
        // one email for the episode, though the job was held, its provisioner killed and a new one started
        await().during(Duration.ofSeconds(5)).atMost(WAIT).until(() -> inbox.get("").size() == 1);

        JsonNode message = inbox.get("").get(0);
        assertThat(message.path("subject").asText()).contains("Miro restart guard").contains("TooManyDeletes");
        String text = decodedQuotedPrintable(message.toString());
        assertThat(text).contains("GET /api/v1/jobs/" + guarded.jobId() + "/staged-deletions");
        assertThat(text).as("no secret").doesNotContain(stack.processes().miroToken())
                .doesNotContain(stack.processes().apiKey());
    }

    /** The message's text with quoted-printable soft line breaks joined and escapes decoded. */
    private static String decodedQuotedPrintable(String raw) {
        String joined = raw.replace("=\\r\\n", "").replace("=\r\n", "");
        java.util.regex.Matcher escape = java.util.regex.Pattern.compile("=([0-9A-F]{2})").matcher(joined);
        StringBuilder decoded = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(decoded, java.util.regex.Matcher.quoteReplacement(
                    Character.toString((char) Integer.parseInt(escape.group(1), 16))));
        }
        return escape.appendTail(decoded).toString();
    }

    /** The guarded job: threshold 5, a short settle window, and an address for its quarantine email. */
    private static void guard(FaultStack stack, DemoLoader.Loaded loaded) {
        String path = "/api/v1/jobs/" + loaded.jobId();
        JsonNode job = stack.provisioner().get(path);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("name", job.path("name").asText());
        update.put("applicationId", job.path("applicationId").asText());
        update.put("profile", job.path("profile").asText());
        update.put("tenantUrl", job.path("tenantUrl").asText());
        update.put("deletionThreshold", THRESHOLD);
        update.put("notificationEmail", ADMIN_MAIL);
        stack.provisioner().put(path, update);
        stack.provisioner().put(path + "/deletion-guard", Map.of("settleSeconds", 3));
    }

    private long userPatches() {
        return stack.miroAdmin().get("/admin/counters").path("USERS_PATCH").path("200").asLong();
    }

    private long disablesLogged() {
        return stack.provisioner().get("/api/v1/jobs/" + guarded.jobId() + "/logs?action=disable&limit=100")
                .path("entries").size();
    }

    private static long activeInMiro(FaultStack stack) {
        Set<String> leavers = Set.copyOf(disabledUserNames);
        return streamOf(stack.miroAdmin().get("/admin/state").path("users"))
                .filter(user -> leavers.contains(user.path("userName").asText()))
                .filter(user -> user.path("active").asBoolean(true)).count();
    }

    private static List<JsonNode> held(FaultStack stack) {
        return streamOf(stack.provisioner().get("/api/v1/jobs/" + guarded.jobId() + "/staged-deletions"))
                .filter(deletion -> "HELD".equals(deletion.path("state").asText())).toList();
    }

    private static long failures(FaultStack stack, DemoLoader.Loaded loaded) {
        return streamOf(stack.provisioner().get("/api/v1/jobs/" + loaded.jobId()
                + "/logs?status=failure&limit=1000").path("entries"))
                .filter(entry -> !entry.path("objectType").asText().toLowerCase().contains("group"))
                .map(entry -> entry.path("sourceId").asText() + "@" + entry.path("objectVersion").asText())
                .collect(Collectors.toSet()).size();
    }

    private static String quarantineReason(FaultStack stack, DemoLoader.Loaded loaded) {
        JsonNode reason = progress(stack, loaded).path("quarantine").path("reason");
        return reason.isTextual() ? reason.asText() : null;
    }

    private static JsonNode progress(FaultStack stack, DemoLoader.Loaded loaded) {
        return stack.provisioner().get("/api/v1/jobs/" + loaded.jobId() + "/progress");
    }

    private static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
