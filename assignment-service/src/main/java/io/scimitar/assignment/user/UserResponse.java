package io.scimitar.assignment.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user as the API returns it; {@code version} is also sent as the ETag. */
public record UserResponse(
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
        long version) {
}
