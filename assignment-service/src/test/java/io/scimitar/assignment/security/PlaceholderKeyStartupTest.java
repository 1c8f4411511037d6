package io.scimitar.assignment.security;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusMainTest
@TestProfile(PlaceholderKeyStartupTest.ShippedPlaceholderKey.class)
@WithTestResource(PostgresResource.class)
class PlaceholderKeyStartupTest {

    /** The admin key deploy/kubernetes used to ship. */
    public static class ShippedPlaceholderKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scimitar.api.admin-keys", "replace-with-a-long-random-key");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void refusesToStartWithAPlaceholderAdminKey(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput()).contains("is shorter than 32 characters")
                .doesNotContain("replace-with-a-long-random-key'");
    }
}
