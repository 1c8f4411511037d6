package io.scimitar.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRegistryTest {

    private final ApiKeyRegistry registry = new ApiKeyRegistry(List.of("admin-1", " "), List.of("reader-1"));

    @Test
    void givesAdminsBothRoles() {
        assertThat(registry.roles("admin-1")).contains(java.util.Set.of(ApiRoles.ADMIN, ApiRoles.READER));
    }

    @Test
    void givesReadersOnlyTheReaderRole() {
        assertThat(registry.roles("reader-1")).contains(java.util.Set.of(ApiRoles.READER));
    }

    @Test
    void knowsNoOtherKeyAndNeverABlankOne() {
        assertThat(registry.roles("admin-2")).isEmpty();
        assertThat(registry.roles("")).isEmpty();
        assertThat(registry.roles(" ")).isEmpty();
        assertThat(registry.roles(null)).isEmpty();
    }
}
