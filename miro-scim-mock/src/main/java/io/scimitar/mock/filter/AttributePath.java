package io.scimitar.mock.filter;

import io.scimitar.mock.error.ScimException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A SCIM attribute path: optional schema URN, attribute, optional sub-attribute ({@code name.givenName}). */
public record AttributePath(String schemaUrn, String attribute, String subAttribute) {

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z$][A-Za-z0-9_$-]*");

    /** Parses {@code attr}, {@code attr.sub} or {@code urn:...:attr[.sub]}; throws invalidFilter on bad syntax. */
    public static AttributePath parse(String text) {
        String schemaUrn = null;
        String rest = text;
        if (text.toLowerCase(Locale.ROOT).startsWith("urn:")) {
            int colon = text.lastIndexOf(':');
            schemaUrn = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        String attribute = rest;
        String sub = null;
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            attribute = rest.substring(0, dot);
            sub = rest.substring(dot + 1);
            if (!ATTRIBUTE_NAME.matcher(sub).matches()) {
                throw ScimException.invalidFilter("Invalid attribute path '" + text + "'");
            }
        }
        if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
            throw ScimException.invalidFilter("Invalid attribute path '" + text + "'");
        }
        return new AttributePath(schemaUrn, attribute, sub);
    }

    public AttributePath withoutSchema() {
        return new AttributePath(null, attribute, subAttribute);
    }

    @Override
    public String toString() {
        String base = schemaUrn == null ? attribute : schemaUrn + ":" + attribute;
        return subAttribute == null ? base : base + "." + subAttribute;
    }
}
