package io.scimitar.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Every attribute of a source user that a mapping can read, as it was when the event was written. */
public record UserSnapshot(
        String id,
        String userPrincipalName,
        String mail,
        String mailNickname,
        String givenName,
        String surname,
        String displayName,
        String jobTitle,
        String department,
        String companyName,
        String employeeId,
        String employeeType,
        String officeLocation,
        String city,
        String country,
        String usageLocation,
        String mobilePhone,
        List<String> businessPhones,
        String preferredLanguage,
        boolean accountEnabled,
        String managerId,
        Map<String, Object> extensionAttributes,
        Instant createdDateTime,
        Instant modifiedDateTime,
        Instant deletedDateTime) {

    public UserSnapshot {
        businessPhones = businessPhones == null ? List.of() : List.copyOf(businessPhones);
        extensionAttributes = extensionAttributes == null ? Map.of() : Map.copyOf(extensionAttributes);
    }
}
