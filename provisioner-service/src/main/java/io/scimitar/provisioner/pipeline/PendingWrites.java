package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the changes of one poll of one job leave to be written, gathered while they are applied (objects in parallel)
 * and written together by one flush: the newest link of each object, the escrow entries the changes resolve (each up
 * to the newest version applied), the log entries in the order they were made, the changes added to the job's
 * statistics to date, how its changes went in the job's failure-share window, whether its changed users are in the
 * job's scope (the membership rule's input), the membership version applied to each group, and what is counted once
 * they are durable (the job's progress). A change reads its object's link here first ({@link #link}): written earlier
 * in the same poll (so the poll reads its own writes before they reach the database), or read with the links of the
 * poll's other objects in one query.
 */
public final class PendingWrites {

    private final UUID jobId;
    private final Map<LinkKey, ObjectLink> links = new LinkedHashMap<>();
    /** Links as stored, read for the poll's objects in one query before it is applied; absent: not stored. */
    private final Map<LinkKey, Optional<ObjectLink>> stored = new HashMap<>();
    private final Map<String, Long> resolved = new LinkedHashMap<>();
    private final List<ProvisioningLogEntry> entries = new ArrayList<>();
    private final List<Runnable> onceDurable = new ArrayList<>();
    private final Map<ChangeCount, Long> counted = new LinkedHashMap<>();
    private final Map<String, WindowChange> window = new LinkedHashMap<>();
    private final Map<String, Boolean> scopes = new LinkedHashMap<>();
    private final Map<String, Long> membershipVersions = new LinkedHashMap<>();

    public PendingWrites(UUID jobId) {
        this.jobId = jobId;
    }

    public UUID jobId() {
        return jobId;
    }

    /** Keeps {@code link} to be written, replacing an older one of the same object. */
    public synchronized void link(ObjectLink link) {
        links.put(new LinkKey(link.objectType(), link.sourceId()), link);
    }

    /**
     * Remembers the stored links of {@code sourceIds} (read together): those not in {@code found} are not stored.
     */
    public synchronized void stored(ObjectType type, Collection<String> sourceIds, Map<String, ObjectLink> found) {
        sourceIds.forEach(id -> stored.put(new LinkKey(type, id), Optional.ofNullable(found.get(id))));
    }

    /**
     * The link of an object as this poll knows it: written earlier in the poll, else as read with the poll's others;
     * null when the poll knows nothing of it (read it from the database).
     */
    public synchronized Optional<ObjectLink> link(ObjectType type, String sourceId) {
        LinkKey key = new LinkKey(type, sourceId);
        ObjectLink written = links.get(key);
        return written != null ? Optional.of(written) : stored.get(key);
    }

    /** Takes the escrow entry {@code escrowKey} out of escrow if it is not newer than {@code version}. */
    public synchronized void resolved(String escrowKey, long version) {
        resolved.merge(escrowKey, version, Math::max);
    }

    /** Keeps a log entry to be written after those kept before it. */
    public synchronized void log(ProvisioningLogEntry entry) {
        entries.add(entry);
    }

    /**
     * Counts one change in the job's statistics to date, written with the rest ({@code action} null: the event was
     * already applied before).
     */
    public synchronized void count(ProvisioningAction action, ProvisioningStatus status) {
        counted.merge(new ChangeCount(action, status), 1L, Long::sum);
    }

    /**
     * Keeps a change of the job's failure-share window to be written: a change recorded (or slid out) at
     * {@code change.sequence()}; of two for the same change, the later one is written.
     */
    public synchronized void window(WindowChange change) {
        window.merge(change.change(), change, (a, b) -> b.sequence() >= a.sequence() ? b : a);
    }

    /** Records whether each of these users is in the job's scope (a later record of a user replaces an earlier one). */
    public synchronized void scopes(Map<String, Boolean> inScopeByUser) {
        scopes.putAll(inScopeByUser);
    }

    /** Records that the group's membership events up to {@code version} are applied (the newest kept is written). */
    public synchronized void membershipApplied(String groupId, long version) {
        membershipVersions.merge(groupId, version, Math::max);
    }

    /** The newest membership version of the group kept to be written, or -1. */
    public synchronized long membershipApplied(String groupId) {
        return membershipVersions.getOrDefault(groupId, -1L);
    }

    /** Runs {@code effect} once this poll's writes are durable (it is dropped if they fail). */
    public synchronized void onceDurable(Runnable effect) {
        onceDurable.add(effect);
    }

    /** Takes everything kept so far, leaving this empty for what the poll writes next. */
    public synchronized Batch drain() {
        Batch batch = new Batch(jobId, List.copyOf(links.values()), new LinkedHashMap<>(resolved),
                List.copyOf(entries), List.copyOf(onceDurable), new LinkedHashMap<>(counted),
                List.copyOf(window.values()), new LinkedHashMap<>(scopes), new LinkedHashMap<>(membershipVersions));
        links.forEach((key, link) -> stored.put(key, Optional.of(link)));
        counted.clear();
        window.clear();
        scopes.clear();
        membershipVersions.clear();
        links.clear();
        resolved.clear();
        entries.clear();
        onceDurable.clear();
        return batch;
    }

    /**
     * A change of the failure-share window: {@code change} was recorded ({@code failed} or not) or slid out of the
     * window, at {@code sequence}.
     */
    public record WindowChange(String change, boolean slidOut, boolean failed, long sequence) {
    }

    private record LinkKey(ObjectType type, String sourceId) {
    }

    /** A kind of change counted in the statistics: its action (null: already applied) and status. */
    public record ChangeCount(ProvisioningAction action, ProvisioningStatus status) {
    }

    /**
     * The writes of one flush.
     *
     * @param links one per object, the newest
     * @param resolved the newest version applied, by escrow key
     * @param entries log entries in the order they were made
     * @param onceDurable effects to run once the writes are durable
     * @param counted changes to add to the job's statistics to date, by kind
     * @param window changes of the job's failure-share window, one per change
     * @param scopes whether each user is in the job's scope, by user id
     * @param membershipVersions the newest membership version applied, by group id
     */
    public record Batch(UUID jobId, List<ObjectLink> links, Map<String, Long> resolved,
            List<ProvisioningLogEntry> entries, List<Runnable> onceDurable, Map<ChangeCount, Long> counted,
            List<WindowChange> window, Map<String, Boolean> scopes, Map<String, Long> membershipVersions) {

        public boolean writesNothing() {
            return links.isEmpty() && resolved.isEmpty() && entries.isEmpty() && counted.isEmpty()
                    && window.isEmpty() && scopes.isEmpty() && membershipVersions.isEmpty();
        }

        /** Runs the effects kept for after the writes. */
        public void durable() {
            onceDurable.forEach(Runnable::run);
        }
    }
}
