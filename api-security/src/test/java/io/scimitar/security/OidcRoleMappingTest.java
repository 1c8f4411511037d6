package io.scimitar.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OidcRoleMappingTest {

    private static final OidcRoleSettings KEYCLOAK_GROUPS = new OidcRoleSettings() {
        @Override
        public Set<String> adminRoles() {
            return Set.of("scimitar-admins", "it-ops");
        }

        @Override
        public Set<String> readerRoles() {
            return Set.of("scimitar-readers");
        }
    };

    @Test
    void makesAnAdminOfAnyAdminValueAndAReaderToo() {
        assertThat(OidcRoleMapping.roles(Set.of("offline_access", "it-ops"), KEYCLOAK_GROUPS))
                .containsExactly(ApiRoles.ADMIN, ApiRoles.READER);
    }

    @Test
    void makesAReaderOfAReaderValueOnly() {
        assertThat(OidcRoleMapping.roles(Set.of("scimitar-readers", "uma_authorization"), KEYCLOAK_GROUPS))
                .containsExactly(ApiRoles.READER);
    }

    @Test
    void givesNoRoleForOtherValuesNotEvenOursUnmapped() {
        assertThat(OidcRoleMapping.roles(Set.of("admin", "reader", "default-roles-scimitar"), KEYCLOAK_GROUPS))
                .isEmpty();
    }
}
