package io.scimitar.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "3f9c0d5b7e21a84c96f0b3d2e5a7c1f", "test-admin-key"})
    void refusesKeysShorterThan32Characters(String key) {
        assertThat(ApiKeyRules.weakness(key)).hasValueSatisfying(reason -> assertThat(reason).contains("32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"replace-with-a-long-random-key-of-yours", "REPLACE-WITH-A-LONG-RANDOM-KEY-OF-YOURS",
            "change-me-change-me-change-me-change-me", "ChangeMe0123456789abcdefghijklmnopqr",
            "my-example-key-0123456789abcdefghijkl", "Secret-0123456789abcdefghijklmnopqrs",
            "password0123456789abcdefghijklmnopqrst", "test-admin-key-0123456789abcdefghijklm",
            "0123456789abcdefghijklmnopqrstuvwxyz-TODO"})
    void refusesKnownPlaceholdersIgnoringCase(String key) {
        assertThat(ApiKeyRules.weakness(key)).hasValueSatisfying(reason -> assertThat(reason).contains("placeholder"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0000000000000000000000000000000000000000",
            "abababababababababababababababababab", "abcabcabcabcabcabcabcabcabcabcabcabc"})
    void refusesKeysOfOneRepeatedCharacterOrAShortPattern(String key) {
        assertThat(ApiKeyRules.weakness(key)).hasValueSatisfying(reason -> assertThat(reason).contains("distinct"));
    }

    @Test
    void refusesControlCharactersAndSpaces() {
        assertThat(ApiKeyRules.weakness("3f9c0d5b7e21a84c96f0b3d2e5a7c1f84b6d9e0a\n")).isPresent();
        assertThat(ApiKeyRules.weakness("3f9c0d5b7e21a84c 96f0b3d2e5a7c1f84b6d9e0a")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f9c0d5b7e21a84c96f0b3d2e5a7c1f8", "3f9c0d5b7e21a84c96f0b3d2e5a7c1f84b6d9e0a2c5f7b13",
            "Yq7-Ld2_xR9pWm4TzK8vNc3Hb6Jf1Gs5Ua0Eo"})
    void acceptsRandomKeysOfAtLeast32Characters(String key) {
        assertThat(ApiKeyRules.weakness(key)).isEmpty();
    }
}
