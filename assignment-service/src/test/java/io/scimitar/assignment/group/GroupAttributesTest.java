package io.scimitar.assignment.group;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeListGuard;
import io.scimitar.events.GroupSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GroupAttributes} is the one declaration of a group's attributes: every place must carry each entry. */
class GroupAttributesTest {

    private static final AttributeListGuard GUARD = new AttributeListGuard(
            List.of(GroupRequest.class, Group.class, GroupResponse.class, GroupSnapshot.class), "GroupSnapshot",
            GroupRepository.COLUMNS, "GroupRepository.COLUMNS");

    @Test
    void everyPlaceCarriesEveryAttribute() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Attribute<GroupRequest> attribute : GroupAttributes.ALL) {
            missing.addAll(GUARD.placesMissing(attribute));
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theRestBodyHasNoAttributeTheListLacks() {
        List<String> body = Arrays.stream(GroupRequest.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals("id")).toList();
        assertThat(GroupAttributes.ALL).extracting(Attribute::name).containsExactlyElementsOf(body);
    }

    @Test
    void anAttributeAddedToTheListIsMissedEverywhereElse() throws IOException {
        Attribute<GroupRequest> classification = Attribute.text("classification", "classification", r -> null, 64);
        assertThat(GUARD.placesMissing(classification)).hasSize(7)
                .contains("classification: GroupSnapshot has no such component",
                        "classification: no migration creates classification");
    }
}
