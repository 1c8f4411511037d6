package io.scimitar.provisioner.scim;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target attribute path as written in a mapping: {@code displayName}, {@code name.givenName},
 * {@code emails[type eq "work"].value}, {@code roles[primary eq "True"].value} or an extension attribute such as
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}.
 *
 * @param schema      the extension schema URN, or null for core attributes
 * @param attribute   the top-level attribute
 * @param filterName  for a filtered multi-valued path, the attribute the filter tests ({@code type}), else null
 * @param filterValue the value the filter expects ({@code work}), else null
 * @param subAttribute the sub-attribute ({@code givenName}, {@code value}), or null
 */
public record ScimPath(String text, String schema, String attribute, String filterName, String filterValue,
        String subAttribute) {

    private static final Pattern FILTERED = Pattern.compile(
            "^([A-Za-z0-9_$-]+)\\[\\s*([A-Za-z0-9_$.-]+)\\s+eq\\s+\"?([^\"\\]]*)\"?\\s*\\](?:\\.([A-Za-z0-9_$-]+))?$",
            Pattern.CASE_INSENSITIVE);

    public static ScimPath parse(String text) {
        String schema = null;
        String rest = text;
        if (text.toLowerCase(Locale.ROOT).startsWith("urn:")) {
            int at = text.lastIndexOf(':');
            schema = text.substring(0, at);
            rest = text.substring(at + 1);
        }
        Matcher filtered = FILTERED.matcher(rest);
        if (filtered.matches()) {
            return new ScimPath(text, schema, filtered.group(1), filtered.group(2), filtered.group(3),
                    filtered.group(4));
        }
        int dot = rest.indexOf('.');
        if (dot > 0) {
            return new ScimPath(text, schema, rest.substring(0, dot), null, null, rest.substring(dot + 1));
        }
        return new ScimPath(text, schema, rest, null, null, null);
    }

    public boolean isFiltered() {
        return filterName != null;
    }

    public boolean isExtension() {
        return schema != null;
    }

    /** The path as RFC 7644 writes it in a PATCH operation. */
    public String patchPath() {
        return text;
    }

    /** The filter's expected value as JSON: booleans for {@code primary eq "True"}, else the string. */
    Object filterJsonValue() {
        if ("true".equalsIgnoreCase(filterValue) || "false".equalsIgnoreCase(filterValue)) {
            return Boolean.parseBoolean(filterValue.toLowerCase(Locale.ROOT));
        }
        return filterValue;
    }
}
