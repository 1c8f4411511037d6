package io.scimitar.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyRegistryProducerTest {

    @Test
    void refusesToStartWithTheKeyTheManifestsUsedToShip() {
        assertThatThrownBy(() -> new ApiKeyRegistryProducer().registry(settings("replace-with-a-long-random-key")))
                .isInstanceOf(InvalidApiKeyException.class).hasMessageContaining("shorter than 32")
                .hasMessageNotContaining("replace-with-a-long-random-key");
    }

    @Test
    void startsWithNamedRandomKeys() {
        ApiKeyRegistry registry = new ApiKeyRegistryProducer().registry(
                settings("ops:3f9c0d5b7e21a84c96f0b3d2e5a7c1f84b6d9e0a2c5f7b13"));
        assertThat(registry.find("3f9c0d5b7e21a84c96f0b3d2e5a7c1f84b6d9e0a2c5f7b13")).map(ApiCaller::name)
                .contains("ops");
    }

    private static ApiKeySettings settings(String adminKeys) {
        return new ApiKeySettings() {
            @Override
            public Optional<List<String>> adminKeys() {
                return Optional.of(List.of(adminKeys));
            }

            @Override
            public Optional<List<String>> readerKeys() {
                return Optional.empty();
            }
        };
    }
}
