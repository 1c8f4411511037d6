package io.scimitar.provisioner.targetindex;

import java.time.Instant;
import java.util.List;

/**
 * Where a job's target index stands in this instance, per object type, as the job's progress shows it; a type is
 * null when this instance has not prepared its index (the job is not running here, or does not provision groups).
 */
public record TargetIndexProgress(ObjectIndex users, ObjectIndex groups) {

    /**
     * The index of one object type.
     *
     * @param status      {@code READING}, {@code COMPLETE}, {@code FAILED} or {@code NOT_USED}
     * @param objectsRead objects read so far while reading; objects held once complete; 0 otherwise
     * @param startedAt   when the read under way started; null unless reading
     * @param completedAt when the read that matching uses completed; null unless complete
     * @param trusted     whether matching trusts the index now: unlinked objects are matched locally on
     *                    {@code attributes}, without a filter query each
     * @param attributes  the matching attributes (target paths) the index holds
     * @param detail      why the index failed or is not used; null otherwise
     */
    public record ObjectIndex(IndexStatus status, int objectsRead, Instant startedAt, Instant completedAt,
            boolean trusted, List<String> attributes, String detail) {

        static ObjectIndex of(IndexView view) {
            boolean complete = view.status() == IndexStatus.COMPLETE;
            return new ObjectIndex(view.status(), view.objects(),
                    view.status() == IndexStatus.READING ? view.since() : null, complete ? view.since() : null,
                    complete && !view.attributes().isEmpty(), view.attributes(), view.detail());
        }
    }
}
