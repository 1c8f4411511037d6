package io.scimitar.provisioner.job;

import io.scimitar.provisioner.configuration.JobConfiguration;
import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.connection.SecretTokenRules;
import io.scimitar.provisioner.connection.TenantUrlRules;
import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.scimitar.provisioner.rules.filter.ScopingFilterValidationException;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.rules.mapping.MappingType;
import io.scimitar.provisioner.rules.mapping.MappingValidationException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks a job request completely and says, field by field, what is wrong with it. */
@ApplicationScoped
public class JobValidator {

    private static final int MAX_NAME = 200;
    private static final Pattern APPLICATION_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Every problem of {@code request} (already completed with defaults); empty when it is valid. */
    public List<FieldError> validate(JobRequest request, boolean tokenStored) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(request.name()) || request.name().length() > MAX_NAME) {
            errors.add(error("name", "is required, at most " + MAX_NAME + " characters"));
        }
        validateApplicationId(request.applicationId(), errors);
        if (request.profile() == null) {
            errors.add(error("profile", "is required: MIRO or GENERIC_SCIM"));
        }
        validateTarget(request, tokenStored, errors);
        if (request.deletionThreshold() != null && request.deletionThreshold() < 0) {
            errors.add(error("deletionThreshold", "must be 0 or more"));
        }
        if (!blank(request.notificationEmail()) && !request.notificationEmail().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(error("notificationEmail", "is not an email address"));
        }
        if (request.rateLimits() != null) {
            request.rateLimits().problems().forEach((field, message) -> errors.add(error(field, message)));
        }
        validateObjectType("users", request.users(), errors);
        validateObjectType("groups", request.groups(), errors);
        if (request.profile() != null && request.users() != null && request.groups() != null) {
            request.profile().violations(new JobConfiguration(request.users(), request.groups()))
                    .forEach(violation -> {
                        int colon = violation.indexOf(':');
                        errors.add(error(violation.substring(0, colon), violation.substring(colon + 2)));
                    });
        }
        return errors;
    }

    /**
     * The directory (assignment-service) gives every application a UUID, and events name it in their key, so any other
     * id can never receive an event: such a job would silently provision nothing.
     */
    private static void validateApplicationId(String applicationId, List<FieldError> errors) {
        if (blank(applicationId)) {
            errors.add(error("applicationId", "is required: the id of the application whose assignments to provision"));
        } else if (!APPLICATION_ID.matcher(applicationId.trim()).matches()) {
            errors.add(error("applicationId", "is not the id of an application of the directory: application ids are "
                    + "UUIDs such as 3f2c8a6e-1b4d-4c39-9a57-0e6b2d9c1f48"));
        }
    }

    /** The application id as events carry it (UUIDs in lower case). */
    public static String canonicalApplicationId(String applicationId) {
        return applicationId.trim().toLowerCase(Locale.ROOT);
    }

    /** The tenant URL ({@link TenantUrlRules}) and the token ({@link SecretTokenRules}). */
    private static void validateTarget(JobRequest request, boolean tokenStored, List<FieldError> errors) {
        if (blank(request.tenantUrl())) {
            errors.add(error("tenantUrl", "is required, e.g. https://miro.com/api/v1/scim"));
        } else {
            TenantUrlRules.check(request.tenantUrl(), Boolean.TRUE.equals(request.allowInsecureHttp()))
                    .ifPresent(errors::add);
        }
        if (request.secretToken() == null || request.secretToken().isEmpty()) {
            if (!tokenStored) {
                errors.add(error("secretToken", "is required: the bearer token the target issued for provisioning"));
            }
        } else {
            SecretTokenRules.check("secretToken", request.secretToken()).ifPresent(errors::add);
        }
    }

    private static void validateObjectType(String field, ObjectTypeSettings settings, List<FieldError> errors) {
        if (settings == null) {
            return;
        }
        for (int i = 0; i < settings.mappings().size(); i++) {
            var mapping = settings.mappings().get(i);
            if (mapping != null && mapping.source() != null && mapping.source().contains("SelectUniqueValue(")) {
                errors.add(error(field + ".mappings[" + i + "].source", "SelectUniqueValue is supported only for "
                        + "provisioning into Active Directory, as in Entra; SCIM jobs cannot use it"));
            }
            if (mapping != null) {
                validateWhenEmpty(field + ".mappings[" + i + "].whenEmpty", mapping, errors);
            }
        }
        try {
            CompiledMappingSet.compile(settings.mappings());
        } catch (MappingValidationException e) {
            errors.add(new FieldError(field + ".mappings[" + e.mappingIndex() + "]", e.getMessage(),
                    e.position() < 0 ? null : e.position()));
        }
        for (int i = 0; i < settings.scopingFilters().size(); i++) {
            ObjectTypeSettings.ScopingFilterSettings filter = settings.scopingFilters().get(i);
            try {
                JobDefinition.scopingFilters(new ObjectTypeSettings(true, true, true, true, List.of(),
                        List.of(filter)));
            } catch (ScopingFilterValidationException e) {
                errors.add(error(field + ".scopingFilters[" + i + "]", e.getMessage()));
            }
        }
    }

    /**
     * {@code whenEmpty} is CLEAR or KEEP; CLEAR cannot be asked of a mapping whose empty value never clears the target
     * (a matching attribute identifies the object; NONE and default values are written on create only).
     */
    private static void validateWhenEmpty(String field, AttributeMappingDefinition mapping, List<FieldError> errors) {
        String whenEmpty = mapping.whenEmpty();
        if (whenEmpty == null) {
            return;
        }
        String action = whenEmpty.toUpperCase(Locale.ROOT);
        if (!action.equals(AttributeMappingDefinition.CLEAR) && !action.equals(AttributeMappingDefinition.KEEP)) {
            errors.add(error(field, "must be CLEAR (remove the target's value when the mapped value becomes empty; the "
                    + "default) or KEEP (the target keeps its value, as Entra does)"));
        } else if (action.equals(AttributeMappingDefinition.CLEAR)) {
            if (mapping.matching()) {
                errors.add(error(field, "CLEAR cannot apply to a matching attribute: it identifies the object in the "
                        + "target, so an empty value is never sent"));
            } else if (mapping.type() == MappingType.NONE || mapping.defaultValue() != null) {
                errors.add(error(field, "CLEAR cannot apply to a mapping of type NONE or with a default value: those "
                        + "values are written on create only"));
            }
        }
    }

    private static FieldError error(String field, String message) {
        return new FieldError(field, message, null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
