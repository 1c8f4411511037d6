package io.scimitar.provisioner.targethost;

/**
 * Whether a target host may be contacted.
 *
 * @param reason why it may not (names the host and the rule, never a token); null when permitted
 */
public record TargetHostVerdict(boolean permitted, String reason) {

    static final TargetHostVerdict PERMITTED = new TargetHostVerdict(true, null);

    static TargetHostVerdict refused(String reason) {
        return new TargetHostVerdict(false, reason);
    }
}
