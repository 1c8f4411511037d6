package io.scimitar.provisioner.directory;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses with 422, naming {@code applicationId}, a job for an application the provisioner has not seen in the
 * directory (never created, or created a moment ago and not arrived yet) or that the directory deleted: such a job
 * would never receive an event and silently provision nothing.
 */
@ApplicationScoped
public class KnownApplicationGuard {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final KnownApplicationRepository applications;

    public KnownApplicationGuard(KnownApplicationRepository applications) {
        this.applications = applications;
    }

    /**
     * Fails with 422 unless {@code applicationId} is a known application that is not deleted. An id that is missing
     * or not a UUID is left to validation (400).
     */
    public Uni<Void> requireKnown(String applicationId) {
        if (applicationId == null || !UUID_TEXT.matcher(applicationId.trim()).matches()) {
            return Uni.createFrom().voidItem();
        }
        String id = applicationId.trim().toLowerCase(Locale.ROOT);
        return applications.find(id).invoke(known -> {
            if (known.isEmpty()) {
                throw unprocessable("the provisioner has not seen application " + id + " in the directory "
                        + "(assignment-service): it does not exist, or it was created a moment ago and is not known "
                        + "yet; create it there first, or retry in a few seconds");
            }
            if (known.get().deleted()) {
                throw unprocessable("application " + id + " was deleted from the directory (assignment-service) at "
                        + known.get().deletedAt() + ": a job for it would never receive an event");
            }
        }).replaceWithVoid();
    }

    private static ProblemException unprocessable(String message) {
        FieldError error = new FieldError("applicationId", message, null);
        return new ProblemException(422, "Unprocessable request", "applicationId: " + message, List.of(error));
    }
}
