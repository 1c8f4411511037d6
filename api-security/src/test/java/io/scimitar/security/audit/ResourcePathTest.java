package io.scimitar.security.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourcePathTest {

    @Test
    void readsTheTypeIdAndShapeOfAnItemPath() {
        assertThat(ResourcePath.of("PATCH", "/api/v1/users/u-1", null))
                .isEqualTo(new ResourcePath("users", "u-1", "PATCH /users/{id}"));
        assertThat(ResourcePath.of("DELETE", "/api/v1/groups/g-1/members/u-1", null))
                .isEqualTo(new ResourcePath("groups", "g-1", "DELETE /groups/{id}/members/{id}"));
        assertThat(ResourcePath.of("POST", "/api/v1/jobs/j-1/restart", null))
                .isEqualTo(new ResourcePath("jobs", "j-1", "POST /jobs/{id}/restart"));
    }

    @Test
    void takesTheIdOfACreatedObjectFromItsLocation() {
        assertThat(ResourcePath.of("POST", "/api/v1/users", "http://localhost:8081/api/v1/users/u-9"))
                .isEqualTo(new ResourcePath("users", "u-9", "POST /users"));
        assertThat(ResourcePath.of("POST", "/api/v1/users", "/api/v1/users/u-9"))
                .isEqualTo(new ResourcePath("users", "u-9", "POST /users"));
        assertThat(ResourcePath.of("POST", "/api/v1/users", null))
                .isEqualTo(new ResourcePath("users", null, "POST /users"));
    }

    @Test
    void copesWithPathsOutsideTheVersionedApi() {
        assertThat(ResourcePath.of("POST", "/api", null)).isEqualTo(new ResourcePath(null, null, "POST /"));
        assertThat(ResourcePath.of("POST", "/api/things", null))
                .isEqualTo(new ResourcePath("things", null, "POST /things"));
    }
}
