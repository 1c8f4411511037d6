package io.scimitar.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBarsTotalIsTheObjectsInScopeCountedByTheSourceSoItIsNotFullWhileWorkRemains() throws Exception {
        JsonNode progress = JSON.readTree("""
                {"objectsInScope": {"users": 190, "groups": 10, "total": 200,
                  "source": "assignment-service GET /api/v1/applications/{id}/assignedCounts"},
                 "objectsDone": 36, "percentComplete": 18.0, "eventsBehind": 0, "eventsCommitted": 36,
                 "changesPerSecond": 4.0, "estimatedSecondsLeft": 41}""");

        assertThat(ProvisioningWatch.bar(progress)).contains("36 / 200 objects in scope").contains("18.0%")
                .contains("41 s left").doesNotContain("36 / 36");
        assertThat(ProvisioningWatch.sourceLine(progress)).contains("190 users and 10 groups in scope")
                .contains("assignment-service");
        assertThat(ProvisioningWatch.finished(progress)).isFalse();
    }

    @Test
    void withoutATotalTheBarSaysSoAndShowsTheEventsBehind() throws Exception {
        JsonNode progress = JSON.readTree("""
                {"objectsInScope": null, "percentComplete": null, "eventsBehind": 20, "eventsCommitted": 124,
                 "eventsPerSecond": 0.0, "estimatedSecondsLeft": null, "escrowed": 0, "eventsProcessed": 124}""");

        assertThat(ProvisioningWatch.bar(progress)).contains("124 events done, 20 behind, total unknown")
                .contains("time left unknown").doesNotContain("#");
        assertThat(ProvisioningWatch.sourceLine(progress)).contains("did not count");
        assertThat(ProvisioningWatch.finished(progress)).isFalse();
    }

    @Test
    void isFinishedAtOneHundredPercent() throws Exception {
        assertThat(ProvisioningWatch.finished(JSON.readTree("{\"percentComplete\": 100.0}"))).isTrue();
        assertThat(ProvisioningWatch.finished(JSON.readTree("{\"percentComplete\": 99.9, \"eventsBehind\": 0}")))
                .isFalse();
    }
}
