package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeKind;
import io.scimitar.assignment.attribute.AttributeListGuard;
import io.scimitar.events.UserSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UserAttributes} is the one declaration of a user's attributes: every place that spells them out must carry
 * each entry, so adding one to the list fails here, naming each place, until it flows from the REST body through the
 * table to the event.
 */
class UserAttributesTest {

    private static final AttributeListGuard GUARD = new AttributeListGuard(
            List.of(UserRequest.class, User.class, UserResponse.class, UserSnapshot.class), "UserSnapshot",
            UserRepository.COLUMNS, "UserRepository.COLUMNS");
    private static final Map<AttributeKind, Class<?>> REQUEST_TYPES = Map.of(AttributeKind.TEXT, String.class,
            AttributeKind.TEXT_LIST, List.class, AttributeKind.BOOLEAN, Boolean.class, AttributeKind.GUID,
            String.class, AttributeKind.EXTENSIONS, Map.class);

    @Test
    void everyPlaceCarriesEveryAttribute() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Attribute<UserRequest> attribute : UserAttributes.ALL) {
            missing.addAll(GUARD.placesMissing(attribute));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theRestBodyHasNoAttributeTheListLacks() {
        List<String> body = Arrays.stream(UserRequest.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals("id")).toList();
        assertThat(UserAttributes.ALL).extracting(Attribute::name).containsExactlyElementsOf(body);
    }

    @Test
    void anAttributeAddedToTheListIsMissedEverywhereElseUntilItFlowsToTheEvent() throws IOException {
        Attribute<UserRequest> costCenter = Attribute.text("costCenter", "cost_center", request -> null, 64);
        assertThat(GUARD.placesMissing(costCenter)).containsExactly(
                "costCenter: UserRequest has no such component",
                "costCenter: User has no such component",
                "costCenter: UserResponse has no such component",
                "costCenter: UserSnapshot has no such component",
                "costCenter: the event schema (common.json UserSnapshot) has no such property",
                "costCenter: UserRepository.COLUMNS does not read cost_center",
                "costCenter: no migration creates cost_center");
    }

    @Test
    void eachAttributeHasTheRequestTypeOfItsKind() {
        for (Attribute<UserRequest> attribute : UserAttributes.ALL) {
            RecordComponent component = AttributeListGuard.component(UserRequest.class, attribute.name());
            assertThat(component.getType()).as(attribute.name()).isEqualTo(REQUEST_TYPES.get(attribute.kind()));
        }
    }

    @Test
    void theValidatorTakesItsLimitsFromTheList() {
        UserRequest longTitle = new UserRequest(null, "ada@contoso.com", null, null, null, null, "Ada",
                "x".repeat(UserAttributes.named("jobTitle").maxLength() + 1), null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        assertThat(UserValidator.check(longTitle).ok()).isFalse();
        assertThat(UserAttributes.ALL).filteredOn(Attribute::required).extracting(Attribute::name)
                .containsExactly("userPrincipalName", "displayName");
    }
}
