package io.scimitar.assignment.attribute;

/** How an attribute is typed on the wire and in its column. */
public enum AttributeKind {
    /** A string; column {@code text}. */
    TEXT,
    /** A list of strings; column {@code jsonb}. */
    TEXT_LIST,
    /** true or false; column {@code boolean}. */
    BOOLEAN,
    /** A GUID string; column {@code uuid}. */
    GUID,
    /** {@code extension_<app>_<name>} to a string, number, boolean or list of them; column {@code jsonb}. */
    EXTENSIONS
}
