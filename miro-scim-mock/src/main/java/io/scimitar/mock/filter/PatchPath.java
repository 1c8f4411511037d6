package io.scimitar.mock.filter;

/** A parsed PATCH path: the attribute, an optional value filter and an optional sub-attribute. */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {
}
