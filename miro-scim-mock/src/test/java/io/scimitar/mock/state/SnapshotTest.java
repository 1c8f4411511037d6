package io.scimitar.mock.state;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.scimitar.mock.ScimApi.DEFAULT_TEAM_ID;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.makeAdmin;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static io.scimitar.mock.ScimApi.seedTeam;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class SnapshotTest {

    @Inject
    StateLifecycle state;

    @AfterEach
    void cleanState() {
        reset();
    }

    @Test
    void survivesARestartThroughTheSnapshotFile() throws Exception {
        reset();
        String ada = createUser("ada@example.com");
        String team = seedTeam("Demo");
        makeAdmin(team, ada);
        Path file = Files.createTempDirectory("miro-mock").resolve("state.json");

        state.write(file);
        reset();
        state.load(file);

        assertThat(scim().get(USERS + "/" + ada).<String>path("userName")).isEqualTo("ada@example.com");
        assertThat(scim().get(USERS + "/" + ada).jsonPath().getList("groups.value")).containsExactly(DEFAULT_TEAM_ID, team);
        assertThat(scim().get(GROUPS + "/" + team).<String>path("displayName")).isEqualTo("Demo");
        String next = createUser("bob@example.com");
        assertThat(Long.parseLong(next)).isGreaterThan(Long.parseLong(team));
        assertThat(scim().queryParam("filter", "userName eq \"ADA@example.com\"").get(USERS).<Integer>path("totalResults")).isEqualTo(1);
    }
}
