package io.scimitar.provisioner.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes secret values from text before it is recorded anywhere (log entries, escrow, quarantine, answers, service
 * log): by value, in every form a target or a library may echo it (as is, trimmed, JSON-escaped, URL-encoded,
 * Base64).
 */
public final class SecretScrubber {

    /** What a secret is replaced with. */
    public static final String MASK = "[secret removed]";
    /** Shorter forms are not scrubbed: they would mangle ordinary text, and tokens are validated to be longer. */
    private static final int SHORTEST_FORM = 4;
    private static final SecretScrubber NONE = new SecretScrubber(List.of());

    private final List<String> forms;

    private SecretScrubber(List<String> forms) {
        this.forms = forms;
    }

    /** A scrubber for these secrets (null and blank ones are ignored). */
    public static SecretScrubber of(String... secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret == null || secret.isBlank()) {
                continue;
            }
            for (String value : List.of(secret, secret.strip())) {
                forms.add(value);
                forms.add(jsonEscaped(value));
                forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
                forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<String> usable = forms.stream().filter(form -> form.length() >= SHORTEST_FORM)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return usable.isEmpty() ? NONE : new SecretScrubber(usable);
    }

    /** A scrubber that knows no secret. */
    public static SecretScrubber none() {
        return NONE;
    }

    /** {@code text} with every known secret replaced by {@link #MASK}; null stays null. */
    public String scrub(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String result = text;
        for (String form : forms) {
            if (result.contains(form)) {
                result = result.replace(form, MASK);
            }
        }
        return result;
    }

    private static String jsonEscaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '/' -> escaped.append('/');
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
