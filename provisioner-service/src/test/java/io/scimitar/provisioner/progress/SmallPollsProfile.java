package io.scimitar.provisioner.progress;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Polls of 10 events, so that a sync of a few dozen users is committed in several steps a test can watch. */
public class SmallPollsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("scimitar.provisioner.max-poll-records", "10");
    }
}
