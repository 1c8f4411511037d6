package io.scimitar.provisioner.pipeline;

import io.scimitar.events.AssignmentEvent;
import io.scimitar.provisioner.scim.ScimResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Collects what happens while one change is processed, and becomes its {@link ProvisioningLogEntry}. */
public final class ChangeTrace {

    private final UUID jobId;
    private final UUID cycleId;
    private final UUID changeId = UUID.randomUUID();
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final String objectType;
    private final String sourceId;
    private final UUID eventId;
    private final Long objectVersion;
    private final List<ProvisioningStep> steps = new ArrayList<>();
    private final List<ModifiedProperty> modified = new ArrayList<>();
    private String sourceDisplay;
    private String targetId;
    private ProvisioningAction action = ProvisioningAction.OTHER;
    private ProvisioningStatus status = ProvisioningStatus.SUCCESS;
    private String errorCode;
    private String errorReason;
    private boolean transientFailure;
    private java.time.Duration retryAfter;

    public ChangeTrace(UUID jobId, UUID cycleId, String objectType, AssignmentEvent event) {
        this(jobId, cycleId, objectType, event.objectId(), event.eventId(), event.objectVersion());
    }

    private ChangeTrace(UUID jobId, UUID cycleId, String objectType, String sourceId, UUID eventId,
            Long objectVersion) {
        this.jobId = jobId;
        this.cycleId = cycleId;
        this.objectType = objectType;
        this.sourceId = sourceId;
        this.eventId = eventId;
        this.objectVersion = objectVersion;
    }

    /** A change the job makes on its own, not in answer to one event (e.g. members that were waiting). */
    public static ChangeTrace forObject(UUID jobId, UUID cycleId, String objectType, String sourceId) {
        return new ChangeTrace(jobId, cycleId, objectType, sourceId, null, null);
    }

    public ChangeTrace sourceDisplay(String display) {
        this.sourceDisplay = display;
        return this;
    }

    public ChangeTrace targetId(String id) {
        this.targetId = id;
        return this;
    }

    public ChangeTrace action(ProvisioningAction value) {
        this.action = value;
        return this;
    }

    public ChangeTrace step(ProvisioningStep.StepType type, String name, ProvisioningStatus stepStatus,
            String description) {
        return step(type, name, stepStatus, description, Map.of());
    }

    public ChangeTrace step(ProvisioningStep.StepType type, String name, ProvisioningStatus stepStatus,
            String description, Map<String, Object> details) {
        steps.add(new ProvisioningStep(type, name, stepStatus, description, new LinkedHashMap<>(details)));
        return this;
    }

    public ChangeTrace modified(String property, Object oldValue, Object newValue) {
        modified.add(new ModifiedProperty(property, oldValue, newValue));
        return this;
    }

    /**
     * Forgets the action and modified properties of an export that did not happen (its target object was gone), so
     * the export that replaces it in the same change (a create) is logged alone; the steps stay, saying what happened.
     */
    public ChangeTrace restartExport() {
        this.action = ProvisioningAction.OTHER;
        this.modified.clear();
        return this;
    }

    /** Ends the change as skipped, e.g. out of scope or already in sync. */
    public ChangeTrace skipped(String code, String reason) {
        this.status = ProvisioningStatus.SKIPPED;
        this.errorCode = code;
        this.errorReason = reason;
        return this;
    }

    public ChangeTrace failed(String code, String reason) {
        this.status = ProvisioningStatus.FAILURE;
        this.errorCode = code;
        this.errorReason = reason;
        return this;
    }

    /**
     * Ends the change as failed for a reason that may pass by itself (5xx, timeout, 429), so it is retried soon;
     * {@code retryAfter} is the target's own hint, or null.
     */
    public ChangeTrace failedTransiently(String code, String reason, java.time.Duration retryAfter) {
        failed(code, reason);
        this.transientFailure = true;
        this.retryAfter = retryAfter;
        return this;
    }

    /** Ends the change as failed by the target: transient failures (5xx, timeouts, 429) are retried soon. */
    public ChangeTrace failed(ScimResult.Failure failure) {
        boolean transientFailure = failure.kind() == ScimResult.FailureKind.TRANSIENT
                || failure.kind() == ScimResult.FailureKind.THROTTLED;
        return transientFailure ? failedTransiently(failure.errorCode(), failure.detail(), failure.retryAfter())
                : failed(failure.errorCode(), failure.detail());
    }

    public boolean isTransientFailure() {
        return transientFailure;
    }

    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    /** Appends to the reason, e.g. when the change will be retried. */
    public ChangeTrace reasonSuffix(String suffix) {
        this.errorReason = errorReason == null ? suffix : errorReason + " " + suffix;
        return this;
    }

    public ChangeTrace warning(String code, String reason) {
        this.status = ProvisioningStatus.WARNING;
        this.errorCode = code;
        this.errorReason = reason;
        return this;
    }

    public ProvisioningStatus status() {
        return status;
    }

    public ProvisioningAction action() {
        return action;
    }

    public String targetId() {
        return targetId;
    }

    public ProvisioningLogEntry toEntry() {
        return new ProvisioningLogEntry(null, jobId, cycleId, changeId, started,
                (System.nanoTime() - startedNanos) / 1_000_000, action, status, objectType, sourceId, sourceDisplay,
                targetId, eventId, objectVersion, steps, modified, errorCode, errorReason);
    }
}
