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

/** {@link GroupAttributes} is the one declaration of a group's attributes, as {@code UserAttributes} for users. */
class GroupAttributesTest {

    private static final AttributeListGuard GUARD = new AttributeListGuard("GroupSnapshot");

    @Test
    void everyAttributeHasItsColumnAndIsInTheEventContract() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Attribute attribute : GroupAttributes.ALL.all()) {
            missing.addAll(GUARD.placesMissing(attribute));
            if (!GUARD.inEventContract(attribute)) {
                missing.add(attribute.name() + ": not in the event schema");
            }
        }
        assertThat(missing).isEmpty();
        List<String> snapshot = Arrays.stream(GroupSnapshot.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertThat(snapshot).containsSubsequence(GroupAttributes.ALL.names());
    }

    @Test
    void anAttributeAddedToTheListNeedsOnlyAMigration() throws IOException {
        Attribute classification = Attribute.text("classification", "classification", 64);
        assertThat(GUARD.placesMissing(classification))
                .containsExactly("classification: no migration creates classification");
    }
}
