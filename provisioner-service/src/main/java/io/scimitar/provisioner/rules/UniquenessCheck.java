package io.scimitar.provisioner.rules;

/** Asks the target whether a generated value is still free, for SelectUniqueValue. */
@FunctionalInterface
public interface UniquenessCheck {

    /** A check that treats every value as unique, for previews and tests. */
    UniquenessCheck ALWAYS_UNIQUE = value -> true;

    boolean isUnique(String value);
}
