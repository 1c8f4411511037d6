package io.scimitar.mock.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of the Miro SCIM mock (prefix {@code miro-mock}). */
@ConfigMapping(prefix = "miro-mock")
public interface MockConfig {

    /** Bearer token every SCIM call must present. Never logged, never returned. */
    @WithDefault("miro-mock-token")
    String token();

    /** When false, every authenticated SCIM call answers 403, as Miro does with the SCIM integration disabled. */
    @WithDefault("true")
    boolean scimEnabled();

    /** E-mail domains users may be created in; empty means every domain is allowed. */
    Optional<List<String>> allowedDomains();

    /** Name of the team every new user joins. */
    @WithDefault("Default team")
    String defaultTeamName();

    /** Licence given to users created without userType. */
    @WithDefault("Full")
    String defaultUserType();

    /** How a duplicate userName is answered: {@code miro} (400 invalidValue) or {@code rfc} (409 uniqueness). */
    @WithDefault("miro")
    DuplicateUserNameStyle duplicateUserName();

    /**
     * What a SCIM Group is: {@code teams} (legacy model, Groups cannot be created, replaced or deleted) or
     * {@code user-groups} (Miro's new model: full create, replace, patch and delete).
     */
    @WithDefault("teams")
    GroupModel groupModel();

    /** Base of {@code meta.location}; Miro answers with its public URL. */
    @WithDefault("https://miro.com/api/v1/scim")
    String locationBaseUrl();

    /** Optional snapshot file: read on start, written on shutdown. */
    Optional<Path> snapshotFile();

    RateLimits rateLimits();

    Limits limits();

    /** Miro's per-window request budgets per endpoint class. */
    interface RateLimits {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("30S")
        Duration window();

        @WithDefault("200")
        int usersList();

        @WithDefault("200")
        int usersGet();

        @WithDefault("200")
        int usersCreate();

        @WithDefault("100")
        int usersReplace();

        @WithDefault("100")
        int usersPatch();

        @WithDefault("20")
        int usersDelete();

        @WithDefault("5")
        int groupsList();

        @WithDefault("20")
        int groupsGet();

        /** Group PATCH with a body of at most {@link #groupsPatchLargeBodyBytes()} bytes. */
        @WithDefault("100")
        int groupsPatch();

        /** Group PATCH with a larger body. */
        @WithDefault("5")
        int groupsPatchLarge();

        @WithDefault("500")
        int groupsPatchLargeBodyBytes();

        /** POST /Groups (user-group model); Miro publishes no figure, so its level 3 (as DELETE /Users). */
        @WithDefault("20")
        int groupsCreate();

        /** PUT /Groups/{id} (user-group model); level 2, as PUT /Users. */
        @WithDefault("100")
        int groupsReplace();

        /** DELETE /Groups/{id} (user-group model); level 3, as DELETE /Users. */
        @WithDefault("20")
        int groupsDelete();
    }

    /** Miro's payload and paging limits. */
    interface Limits {
        @WithDefault("8000")
        int maxPatchMembers();

        @WithDefault("800000")
        int maxPatchBytes();

        @WithDefault("100")
        int defaultPageSize();

        @WithDefault("1000")
        int maxPageSize();

        /**
         * Users the organisation can hold; a create beyond it answers 507. Absent: one user per
         * {@link io.scimitar.mock.config.MockSettings#HEAP_BYTES_PER_USER} bytes of the maximum heap, so that the
         * refusal comes well before the heap fills (about 3 KB per stored user).
         */
        java.util.OptionalInt maxUsers();

        /** Teams and user groups the organisation can hold; a create beyond it answers 507. */
        @WithDefault("50000")
        int maxGroups();

        /** Longest request URL (path and query) answered; longer ones get 414 with an error body. */
        @WithDefault("4096")
        int maxUrlLength();
    }

    enum DuplicateUserNameStyle { MIRO, RFC }

    /** What a SCIM Group stands for in Miro; written {@code teams} / {@code user-groups} in config and JSON. */
    enum GroupModel {
        TEAMS, USER_GROUPS;

        @com.fasterxml.jackson.annotation.JsonValue
        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static GroupModel of(String value) {
            for (GroupModel model : values()) {
                if (model.spelling().equalsIgnoreCase(value) || model.name().equalsIgnoreCase(value)) {
                    return model;
                }
            }
            throw new IllegalArgumentException("groupModel must be 'teams' or 'user-groups', got '" + value + "'");
        }
    }
}
