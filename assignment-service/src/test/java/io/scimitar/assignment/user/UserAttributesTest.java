package io.scimitar.assignment.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeListGuard;
import io.scimitar.assignment.web.StrictJson;
import io.scimitar.events.UserSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserAttributes} is the one declaration of a user's attributes: the code is driven by it, so an attribute
 * added to the list needs only its column in a migration (AttributeFlowTest sees one reach the event), and no other
 * source spells out an attribute unless a rule of the service reads it.
 */
class UserAttributesTest {

    private static final AttributeListGuard GUARD = new AttributeListGuard("UserSnapshot");
    /** The attributes a rule of the service reads by name (uniqueness, the manager, defaults, filters, the CSV form). */
    private static final Set<String> READ_BY_RULES = Set.of("userPrincipalName", "displayName", "department",
            "accountEnabled", "managerId", "businessPhones", "extensionAttributes", "mail");

    @Test
    void everyAttributeHasItsColumnAndIsInTheEventContract() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Attribute attribute : UserAttributes.ALL.all()) {
            missing.addAll(GUARD.placesMissing(attribute));
            if (!GUARD.inEventContract(attribute)) {
                missing.add(attribute.name() + ": not in the event schema");
            }
        }
        assertThat(missing).isEmpty();
        List<String> snapshot = Arrays.stream(UserSnapshot.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();
        assertThat(snapshot).containsSubsequence(UserAttributes.ALL.names());
    }

    @Test
    void anAttributeAddedToTheListNeedsOnlyAMigration() throws IOException {
        Attribute costCenter = Attribute.text("costCenter", "cost_center", 64);
        assertThat(GUARD.placesMissing(costCenter)).containsExactly("costCenter: no migration creates cost_center");
        assertThat(GUARD.inEventContract(costCenter)).isFalse();
    }

    @Test
    void noOtherSourceSpellsOutAnAttributeThatNoRuleReads() throws IOException {
        for (Attribute attribute : UserAttributes.ALL.all()) {
            if (!READ_BY_RULES.contains(attribute.name())) {
                assertThat(AttributeListGuard.sourcesNaming(attribute)).as(attribute.name())
                        .isEmpty();
            }
        }
    }

    @Test
    void theRestBodyIsTheList() throws Exception {
        ObjectMapper json = StrictJson.apply(new ObjectMapper());
        UserRequest request = json.readValue("{\"userPrincipalName\":\"ada@contoso.com\",\"jobTitle\":\"Engineer\"}",
                UserRequest.class);
        List<String> fields = new ArrayList<>();
        json.valueToTree(request).fieldNames().forEachRemaining(fields::add);
        List<String> expected = new ArrayList<>(List.of("id"));
        expected.addAll(UserAttributes.ALL.names());
        assertThat(fields).containsExactlyElementsOf(expected);
        assertThat(request.attributes().text("jobTitle")).isEqualTo("Engineer");
    }

    @Test
    void theValidatorTakesItsLimitsFromTheList() {
        UserRequest longTitle = UserRequests.inOrder(null, "ada@contoso.com", null, null, null, null, "Ada",
                "x".repeat(UserAttributes.named("jobTitle").maxLength() + 1));
        assertThat(UserValidator.check(longTitle).ok()).isFalse();
        assertThat(UserAttributes.ALL.all()).filteredOn(Attribute::required).extracting(Attribute::name)
                .containsExactly("userPrincipalName", "displayName");
    }
}
