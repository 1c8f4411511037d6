package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.configuration.JobStatus;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;
import io.scimitar.provisioner.configuration.TargetRateLimits;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingClauseSettings;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingFilterSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The job validator's checks of the application id and of scoping filters, without Quarkus. */
class ApplicationAndScopingValidationTest {

    private static final String APPLICATION = "3f2c8a6e-1b4d-4c39-9a57-0e6b2d9c1f48";

    private final JobValidator validator = new JobValidator();

    @Test
    void acceptsADirectoryApplicationIdInAnyCaseAndStoresItInLowerCase() {
        assertThat(errors(job(APPLICATION.toUpperCase(), ConnectorProfile.MIRO.defaults().users())))
                .extracting(FieldError::field).doesNotContain("applicationId");
        assertThat(JobValidator.canonicalApplicationId(" " + APPLICATION.toUpperCase() + " ")).isEqualTo(APPLICATION);
    }

    @Test
    void refusesAnApplicationIdThatNoApplicationCanHave() {
        for (String id : List.of("no-such-application", "app-" + APPLICATION, APPLICATION + "/x", "1-1-1-1-1")) {
            assertThat(errors(job(id, ConnectorProfile.MIRO.defaults().users()))).as(id)
                    .contains(new FieldError("applicationId", "is not the id of an application of the directory: "
                            + "application ids are UUIDs such as 3f2c8a6e-1b4d-4c39-9a57-0e6b2d9c1f48", null));
        }
    }

    @Test
    void namesTheScopingFilterWithAnUnknownOperatorInPlainWords() {
        ObjectTypeSettings defaults = ConnectorProfile.MIRO.defaults().users();
        ObjectTypeSettings users = new ObjectTypeSettings(true, true, true, true, defaults.mappings(), List.of(
                new ScopingFilterSettings("t", List.of(new ScopingClauseSettings("department", "SOUNDS_LIKE", "x"))),
                new ScopingFilterSettings("u", List.of(new ScopingClauseSettings("department", null, "x")))));

        List<FieldError> errors = errors(job(APPLICATION, users));

        assertThat(errors).extracting(FieldError::field)
                .containsExactly("users.scopingFilters[0]", "users.scopingFilters[1]");
        assertThat(errors.get(0).message()).startsWith("'SOUNDS_LIKE' is not a scoping operator; use one of EQUALS");
        assertThat(errors.get(1).message()).isEqualTo("The scoping operator is missing");
    }

    private List<FieldError> errors(JobRequest request) {
        return validator.validate(request, false);
    }

    private static JobRequest job(String applicationId, ObjectTypeSettings users) {
        return new JobRequest("Miro", applicationId, ConnectorProfile.MIRO, "https://miro.com/api/v1/scim",
                "a-target-token-for-tests",
                ProvisioningScope.ASSIGNED_ONLY, JobStatus.ON, null, 500, false, users,
                ConnectorProfile.MIRO.defaults().groups(), TargetRateLimits.profileDefaults(), false);
    }
}
