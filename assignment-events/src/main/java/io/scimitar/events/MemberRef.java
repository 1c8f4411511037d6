package io.scimitar.events;

/** A direct member of a group: a user, or a nested group (stored, but not expanded for provisioning). */
public record MemberRef(String id, MemberType type) {

    /** What kind of object a member is. */
    public enum MemberType {
        USER, GROUP
    }

    public static MemberRef user(String id) {
        return new MemberRef(id, MemberType.USER);
    }

    public static MemberRef group(String id) {
        return new MemberRef(id, MemberType.GROUP);
    }
}
