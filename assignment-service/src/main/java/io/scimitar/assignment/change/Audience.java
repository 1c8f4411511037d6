package io.scimitar.assignment.change;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which applications an event about one object goes to.
 *
 * @param everyApplication every application where the object is assigned, or that publishes unassigned objects
 * @param applications     these applications in any case (the object's assignment there may just have ended)
 */
public record Audience(boolean everyApplication, Set<UUID> applications) {

    public static Audience allApplications() {
        return new Audience(true, Set.of());
    }

    public static Audience of(Set<UUID> applications) {
        return new Audience(false, Set.copyOf(applications));
    }

    public static Audience of(UUID application) {
        return new Audience(false, Set.of(application));
    }

    public Audience with(Audience other) {
        Set<UUID> union = new HashSet<>(applications);
        union.addAll(other.applications);
        return new Audience(everyApplication || other.everyApplication, union);
    }

    public boolean includes(UUID application, boolean assigned, boolean publishesUnassigned) {
        return applications.contains(application) || (everyApplication && (assigned || publishesUnassigned));
    }
}
