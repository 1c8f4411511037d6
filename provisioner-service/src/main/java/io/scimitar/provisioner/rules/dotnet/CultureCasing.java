package io.scimitar.provisioner.rules.dotnet;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * .NET TextInfo casing: one code point to one code point (so "ß" stays "ß" in ToUpper, unlike Java), invariant by
 * default, with the Turkish and Azeri dotted/dotless i rules when that culture is named.
 */
public final class CultureCasing {

    private final boolean turkic;

    private CultureCasing(boolean turkic) {
        this.turkic = turkic;
    }

    public static final CultureCasing INVARIANT = new CultureCasing(false);

    /** The casing rules of a culture name such as "en-US" or "tr-TR"; null or empty is the invariant culture. */
    public static CultureCasing of(String culture) {
        if (culture == null || culture.isBlank()) {
            return INVARIANT;
        }
        String language;
        try {
            language = new Locale.Builder().setLanguageTag(culture.trim().replace('_', '-')).build().getLanguage();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("\"" + culture + "\" is not a culture name such as en-US");
        }
        if (language.isEmpty()) {
            throw new IllegalArgumentException("\"" + culture + "\" is not a culture name such as en-US");
        }
        return language.equals("tr") || language.equals("az") ? new CultureCasing(true) : INVARIANT;
    }

    public String toLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (turkic && cp == 'I') {
                out.append('\u0131');
            } else if (cp == '\u0130') {
                out.append('i');
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        });
        return out.toString();
    }

    public String toUpper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (turkic && cp == 'i') {
                out.append('\u0130');
            } else if (!turkic && cp == '\u0131') {
                out.append('I');
            } else {
                out.appendCodePoint(Character.toUpperCase(cp));
            }
        });
        return out.toString();
    }
}
