package io.scimitar.provisioner.deletions;

/**
 * What the deletion guard decided for one disable or delete.
 *
 * @param verdict what happens to it
 * @param counted the disables and deletes counted against the threshold when it was decided
 */
public record Admission(Verdict verdict, long counted) {

    /** What happens to a disable or delete. */
    public enum Verdict {
        /** It goes out now: an administrator allowed it, or the settle window released it. */
        SEND,
        /** It waits in the settle window for the rest of its burst. */
        SETTLING,
        /** It is held: the guard has tripped. */
        HELD,
        /** It passed the threshold: it and every deletion of the window are now held. */
        TRIPPED,
        /** An administrator rejected it: it is never sent. */
        REJECTED
    }
}
