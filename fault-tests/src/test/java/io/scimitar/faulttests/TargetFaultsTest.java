package io.scimitar.faulttests;

import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, transient failures of the target: the Miro mock answers a fifth of the SCIM requests with a 5xx during the
 * whole initial sync; the provisioner retries them from its escrow with backoff until Miro is complete. The sync
 * starts once, before the tests; each test then checks one side of the state Miro must reach.
 */
@ExtendWith(FaultStackExtension.class)
class TargetFaultsTest {

    private static final Duration CONVERGE = Duration.ofMinutes(4);

    private static DemoLoader.Loaded loaded;
    private static ExpectedMiro expected;

    private final FaultStack stack;

    TargetFaultsTest(FaultStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void syncWhileAFifthOfTheTargetsAnswersAreServerErrors(FaultStack stack) {
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(400, 802,
                "faults.example.com", true));
        expected = ExpectedMiro.of(demo);
        stack.resetMiro();
        stack.miroAdmin().put("/admin/faults", List.of(
                Map.of("endpoint", "USERS_CREATE", "errorRate", 0.2, "errorStatus", 503, "retryAfterSeconds", 1),
                Map.of("errorRate", 0.2, "errorStatus", 500)));
        loaded = stack.load(demo, "Miro with 5xx answers");
    }

    @AfterAll
    static void deleteTheJob(FaultStack stack) {
        stack.miroAdmin().delete("/admin/faults");
        stack.cleanUpAfter(loaded);
    }

    @Test
    void createsEveryUserDespiteTheServerErrors() {
        stack.awaitMiroUsersMatch(loaded, expected, CONVERGE);
        System.out.printf("%,d users in Miro through injected 5xx answers; the mock's counters: %s%n",
                expected.activeUsers(), stack.miroAdmin().get("/admin/counters"));
        assertThat(stack.answers(503)).as("503 answers to POST /Users").isPositive();
        assertThat(stack.answers(500)).as("500 answers to the other calls").isPositive();
    }

    @Test
    void addsEveryMemberToItsTeamDespiteTheServerErrors() {
        stack.awaitMiroMatches(loaded, expected, CONVERGE);
    }
}
