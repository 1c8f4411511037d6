package io.scimitar.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyRegistryTest {

    private static final String ADMIN_KEY = "3f9c0d5b7e21a84c96f0b3d2e5a7c1f84b6d9e0a2c5f7b13";
    private static final String READER_KEY = "a81e4c7f2b9d0e635c1a8f4b7d2e9c0a6f3b5d8e1c4a7f02";
    private static final String UNNAMED_KEY = "0c4e8a2f6b1d9e3c7a5f0b4d8e2c6a1f9b3d7e5c0a4f8b26";

    private final ApiKeyRegistry registry = ApiKeyRegistry.parse(
            List.of("ops:" + ADMIN_KEY, " ", UNNAMED_KEY), List.of("dashboard:" + READER_KEY));

    @Test
    void givesAdminsBothRolesUnderTheirName() {
        assertThat(registry.find(ADMIN_KEY)).contains(new ApiCaller("ops", Set.of(ApiRoles.ADMIN, ApiRoles.READER)));
    }

    @Test
    void givesReadersOnlyTheReaderRole() {
        assertThat(registry.find(READER_KEY)).contains(new ApiCaller("dashboard", Set.of(ApiRoles.READER)));
    }

    @Test
    void namesAKeyWithoutANameByTheStartOfItsSha256() {
        assertThat(registry.find(UNNAMED_KEY)).map(ApiCaller::name).contains("key-"
                + ApiKeyEntry.fingerprint(UNNAMED_KEY).substring(4));
        assertThat(ApiKeyEntry.fingerprint(UNNAMED_KEY)).matches("key-[0-9a-f]{8}")
                .isEqualTo(ApiKeyEntry.fingerprint(UNNAMED_KEY)).isNotEqualTo(ApiKeyEntry.fingerprint(ADMIN_KEY));
    }

    @Test
    void knowsNoOtherKeyAndNeverABlankOne() {
        assertThat(registry.find("ops:" + ADMIN_KEY)).isEmpty();
        assertThat(registry.find("ops")).isEmpty();
        assertThat(registry.find(ADMIN_KEY.substring(1))).isEmpty();
        assertThat(registry.find("")).isEmpty();
        assertThat(registry.find(" ")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void refusesTwoKeysWithOneName() {
        assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of("ops:" + ADMIN_KEY), List.of("ops:" + READER_KEY)))
                .isInstanceOf(InvalidApiKeyException.class).hasMessageContaining("'ops'");
    }

    @Test
    void refusesAnInvalidNameWithoutShowingTheKey() {
        assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of("my ops key:" + ADMIN_KEY), List.of()))
                .isInstanceOf(InvalidApiKeyException.class).hasMessageContaining("invalid name")
                .hasMessageNotContaining(ADMIN_KEY);
    }

    @Test
    void refusesTheShippedPlaceholderKeyAsAdminAndAsReader() {
        assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of("replace-with-a-long-random-key"), List.of()))
                .isInstanceOf(InvalidApiKeyException.class);
        assertThatThrownBy(() -> ApiKeyRegistry.parse(List.of(), List.of("bi:change-me")))
                .isInstanceOf(InvalidApiKeyException.class).hasMessageContaining("'bi'")
                .hasMessageNotContaining("change-me");
    }
}
