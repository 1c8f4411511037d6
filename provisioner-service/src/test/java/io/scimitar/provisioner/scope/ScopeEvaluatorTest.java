package io.scimitar.provisioner.scope;

import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingClauseSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingFilterSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.pipeline.StageFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The scope stage alone: assignment (or "sync all"), the scoping filters, then whether the account is active. */
class ScopeEvaluatorTest {

    private static final String APP = "app-scope";
    private static final UserSnapshot ADA = user("u-ada", "ada@example.com", "Ada", "Lovelace", "Research");

    private final ScopeEvaluator scope = new ScopeEvaluator();

    private static JobDefinition job(ProvisioningScope scope) {
        return StageFixture.miroJob(UUID.randomUUID(), APP, scope, "https://miro.example/scim", "token");
    }

    @Test
    void anAssignedEnabledUserIsInScopeAndActive() {
        ScopeResult result = scope.user(job(ProvisioningScope.ASSIGNED_ONLY), assigned(APP, ADA, 1));

        assertThat(result.inScope()).isTrue();
        assertThat(result.shouldBeActive()).isTrue();
        assertThat(result.reason()).startsWith("The user is assigned to the application");
    }

    @Test
    void anUnassignedUserIsOutOfScopeUnlessTheJobSyncsAll() {
        assertThat(scope.user(job(ProvisioningScope.ASSIGNED_ONLY), unassigned(APP, ADA, 2)))
                .isEqualTo(new ScopeResult(false, false, "The user is not assigned to the application"));

        ScopeResult all = scope.user(job(ProvisioningScope.ALL), unassigned(APP, ADA, 2));
        assertThat(all.inScope()).isTrue();
        assertThat(all.reason()).startsWith("The job syncs all users and groups");
    }

    @Test
    void aDisabledAccountStaysInScopeButNotActive() {
        ScopeResult result = scope.user(job(ProvisioningScope.ASSIGNED_ONLY), assigned(APP, disabled(ADA), 3));

        assertThat(result.inScope()).isTrue();
        assertThat(result.shouldBeActive()).isFalse();
    }

    @Test
    void aScopingFilterTakesOutTheUsersItDoesNotMatch() {
        ObjectTypeSettings defaults = ConnectorProfile.MIRO.defaults().users();
        ObjectTypeSettings sales = new ObjectTypeSettings(true, true, true, true, defaults.mappings(),
                List.of(new ScopingFilterSettings("Sales only",
                        List.of(new ScopingClauseSettings("department", "EQUALS", "Sales")))));
        JobDefinition job = StageFixture.withUsers(UUID.randomUUID(), APP, ProvisioningScope.ASSIGNED_ONLY,
                "https://miro.example/scim", "token", sales, ConnectorProfile.MIRO.defaults().groups());

        ScopeResult research = scope.user(job, assigned(APP, ADA, 1));
        ScopeResult salesUser = scope.user(job, assigned(APP,
                user("u-bob", "bob@example.com", "Bob", "Builder", "Sales"), 1));

        assertThat(research.inScope()).isFalse();
        assertThat(research.shouldBeActive()).isFalse();
        assertThat(salesUser.inScope()).isTrue();
        assertThat(salesUser.shouldBeActive()).isTrue();
    }
}
