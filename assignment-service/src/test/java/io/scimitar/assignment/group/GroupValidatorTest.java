package io.scimitar.assignment.group;

import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GroupValidatorTest {

    @Test
    void acceptsAGroupAtEveryLimit() {
        assertThat(GroupValidator.check(GroupRequests.of("6d1b7a3e-6f0e-4a52-9d37-1f8b0c7a2e11", "x".repeat(256),
                "a".repeat(64), "d".repeat(1024), false)).ok()).isTrue();
        assertThat(GroupValidator.check(GroupRequests.of(null, "Sales", null, null, null)).ok()).isTrue();
    }

    @Test
    void requiresADisplayName() {
        assertThat(errors(GroupRequests.of(null, " ", null, null, null)))
                .containsExactly(new FieldError("displayName", "is required"));
    }

    @Test
    void namesEveryFieldOverItsLimitAtOnce() {
        assertThat(errors(GroupRequests.of("not-a-guid", "x".repeat(257), "a".repeat(65), "d".repeat(1025), true)))
                .extracting(FieldError::field)
                .containsExactly("id", "displayName", "mailNickname", "description");
    }

    @Test
    void refusesAMailNicknameWithSpacesOrAt() {
        assertThat(errors(GroupRequests.of(null, "Sales", "sales team", null, null))).containsExactly(
                new FieldError("mailNickname", "must be 1 to 64 characters without spaces or '@'"));
        assertThat(errors(GroupRequests.of(null, "Sales", "sales@contoso", null, null)))
                .extracting(FieldError::field).containsExactly("mailNickname");
    }

    private static List<FieldError> errors(GroupRequest request) {
        return catchThrowableOfType(InvalidInputException.class, () -> GroupValidator.check(request).throwIfAny())
                .errors();
    }
}
