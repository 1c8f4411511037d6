package io.scimitar.assignment.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A directory user as stored; {@code rowVersion} is the optimistic-concurrency version (the ETag). */
public record User(
        UUID id,
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
        UUID managerId,
        Map<String, Object> extensionAttributes,
        Instant createdDateTime,
        Instant modifiedDateTime,
        Instant deletedDateTime,
        long rowVersion) {

    public boolean softDeleted() {
        return deletedDateTime != null;
    }
}
