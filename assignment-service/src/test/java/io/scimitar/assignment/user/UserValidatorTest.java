package io.scimitar.assignment.user;

import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UserValidatorTest {

    @Test
    void acceptsAUserAtEveryLimit() {
        Map<String, Object> extensions = new HashMap<>();
        for (int i = 0; i < UserValidator.MAX_EXTENSION_ATTRIBUTES; i++) {
            extensions.put("extension_app_a" + i, i % 2 == 0 ? "x".repeat(500) : List.of(1, "two", true));
        }
        assertThat(UserValidator.check(user("x".repeat(UserValidator.MAX_TEXT), extensions)).ok()).isTrue();
    }

    @Test
    void refusesTooManyExtensionAttributesWithOneErrorNamingTheField() {
        Map<String, Object> extensions = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            extensions.put("extension_app_a" + i, i);
        }
        assertThat(errors(user("Ada", extensions))).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("extensionAttributes"))
                .satisfies(error -> assertThat(error.reason()).contains("at most 100"));
    }

    @Test
    void refusesLongExtensionTextsAndLists() {
        assertThat(errors(user("Ada", Map.of("extension_app_s", "x".repeat(1025))))).singleElement()
                .isEqualTo(new FieldError("extensionAttributes.extension_app_s", "must be at most 1024 characters"));
        assertThat(errors(user("Ada", Map.of("extension_app_l", List.of("x".repeat(1025))))))
                .extracting(FieldError::field).containsExactly("extensionAttributes.extension_app_l");
        assertThat(errors(user("Ada", Map.of("extension_app_l", java.util.Collections.nCopies(101, 1)))))
                .extracting(FieldError::reason).containsExactly("a list may hold at most 100 values");
    }

    @Test
    void refusesAUserWhoseJsonIsLargerThanTheLimit() {
        Map<String, Object> extensions = new HashMap<>();
        for (int i = 0; i < 70; i++) {
            extensions.put("extension_app_a" + i, "\u00e9".repeat(1000));
        }
        assertThat(errors(user("Ada", extensions))).singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("extensionAttributes"))
                .satisfies(error -> assertThat(error.reason()).contains("at most 65536"));
    }

    @Test
    void refusesLongTextFieldsAndTooManyPhones() {
        assertThat(errors(user("x".repeat(257), null))).extracting(FieldError::field).containsExactly("displayName");
        UserRequest phones = UserRequests.inOrder(null, "ada@contoso.com", null, null, null, null, "Ada", null, null, null,
                null, null, null, null, null, null, null, java.util.Collections.nCopies(11, "+1"), "en-" + "x".repeat(40),
                null, null, null);
        assertThat(errors(phones)).extracting(FieldError::field)
                .containsOnly("businessPhones", "preferredLanguage");
    }

    @Test
    void requiresAPrincipalNameAndADisplayName() {
        UserRequest nameless = UserRequests.inOrder(null, null, null, null, null, null, " ", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertThat(errors(nameless)).containsExactly(new FieldError("userPrincipalName", "is required"),
                new FieldError("displayName", "is required"));
    }

    @Test
    void refusesMalformedNamesAddressesCodesAndIds() {
        UserRequest bad = UserRequests.inOrder("not-a-guid", "ada lovelace@contoso", "ada@", "ada lovelace", null, null,
                "Ada", null, null, null, null, null, null, null, null, "gb", null, null, "english!", null,
                "also-not-a-guid", null);
        assertThat(errors(bad)).extracting(FieldError::field).containsExactly("id", "userPrincipalName", "mail",
                "mailNickname", "usageLocation", "preferredLanguage", "managerId");
    }

    @Test
    void refusesAUserWhoIsTheirOwnManager() {
        String id = "6d1b7a3e-6f0e-4a52-9d37-1f8b0c7a2e11";
        UserRequest self = UserRequests.inOrder(id, "ada@contoso.com", null, null, null, null, "Ada", null, null, null,
                null, null, null, null, null, null, null, null, null, null, id, null);
        assertThat(errors(self)).containsExactly(new FieldError("managerId", "a user cannot be their own manager"));
    }

    @Test
    void refusesBadExtensionNamesAndValues() {
        Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        extensions.put("costCenter", "CC-7");
        extensions.put("extension_app_nested", Map.of("a", 1));
        extensions.put("extension_app_mixed", List.of("x", List.of(1)));
        assertThat(errors(user("Ada", extensions))).containsExactly(
                new FieldError("extensionAttributes.costCenter", "must be named extension_<appId>_<name>"),
                new FieldError("extensionAttributes.extension_app_nested",
                        "must be a string, number, boolean or a list of them"),
                new FieldError("extensionAttributes.extension_app_mixed",
                        "a list may hold strings, numbers and booleans only"));
    }

    @Test
    void refusesBlankOrLongPhoneNumbers() {
        UserRequest blank = UserRequests.inOrder(null, "ada@contoso.com", null, null, null, null, "Ada", null, null, null,
                null, null, null, null, null, null, null, List.of("+44 1", " "), null, null, null, null);
        assertThat(errors(blank)).containsExactly(
                new FieldError("businessPhones", "each number must be 1 to " + UserValidator.MAX_PHONE + " characters"));
    }

    private static UserRequest user(String displayName, Map<String, Object> extensions) {
        return UserRequests.inOrder(null, "ada@contoso.com", null, null, null, null, displayName, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, extensions);
    }

    private static List<FieldError> errors(UserRequest request) {
        return catchThrowableOfType(InvalidInputException.class, () -> UserValidator.check(request).throwIfAny())
                .errors();
    }
}
