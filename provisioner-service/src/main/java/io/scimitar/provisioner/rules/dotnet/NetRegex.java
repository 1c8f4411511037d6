package io.scimitar.provisioner.rules.dotnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A .NET regular expression translated to java.util.regex: named groups renamed to Java-safe names, .NET group
 * numbering (unnamed groups first, then named), inline comments removed, and .NET replacement syntax
 * ({@code $1 ${name} $$ $& $` $' $+ $_}). Matching gives up after a time limit, like a .NET regex timeout.
 */
public final class NetRegex {

    private static final Map<String, NetRegex> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 1024;
    private static final long TIMEOUT_NANOS = 2_000_000_000L;
    private static final int FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS;

    private final String source;
    private final Pattern pattern;
    /** .NET group name (including numbers as names) to Java group index. */
    private final Map<String, Integer> groupIndex;
    private final int groupCount;

    private NetRegex(String source, Pattern pattern, Map<String, Integer> groupIndex) {
        this.source = source;
        this.pattern = pattern;
        this.groupIndex = groupIndex;
        this.groupCount = pattern.matcher("").groupCount();
    }

    /** Translates and compiles (cached); throws IllegalArgumentException with a readable reason on a bad pattern. */
    public static NetRegex compile(String netPattern) {
        NetRegex cached = CACHE.get(netPattern);
        if (cached != null) {
            return cached;
        }
        NetRegex compiled = translate(netPattern);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(netPattern, compiled);
        return compiled;
    }

    public String source() {
        return source;
    }

    public boolean hasGroup(String name) {
        return name != null && groupIndex.containsKey(name);
    }

    /** Regex.IsMatch: a match anywhere in the input. */
    public boolean isMatch(String input) {
        try {
            return matcher(input).find();
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /** Regex.Replace(input, replacement) with .NET substitution syntax. */
    public String replace(String input, String replacement) {
        return replace(input, replacement, Integer.MAX_VALUE);
    }

    /** As {@link #replace(String, String)}, giving up with {@link ResultTooLongException} past {@code limit} characters. */
    public String replace(String input, String replacement, int limit) {
        try {
            return replaceAll(input, replacement, limit);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private String replaceAll(String input, String replacement, int limit) {
        Matcher m = matcher(input);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(input, last, m.start());
            appendSubstitution(out, m, input, replacement, limit);
            last = m.end();
        }
        out.append(input, last, input.length());
        return out.toString();
    }

    /** Replaces the text captured by one named group in every match with the (substituted) replacement. */
    public String replaceGroup(String input, String groupName, String replacement) {
        return replaceGroup(input, groupName, replacement, Integer.MAX_VALUE);
    }

    /** As {@link #replaceGroup(String, String, String)}, giving up past {@code limit} characters. */
    public String replaceGroup(String input, String groupName, String replacement, int limit) {
        Integer index = groupName == null ? null : groupIndex.get(groupName);
        if (index == null) {
            return input;
        }
        try {
            return replaceGroup(input, index, replacement, limit);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private String replaceGroup(String input, int index, String replacement, int limit) {
        Matcher m = matcher(input);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (m.start(index) < 0) {
                continue;
            }
            out.append(input, last, m.start(index));
            appendSubstitution(out, m, input, replacement, limit);
            last = m.end(index);
        }
        out.append(input, last, input.length());
        return out.toString();
    }

    /** The value of a named group in the first match, or null when there is no match or the group did not take part. */
    public String firstGroupValue(String input, String groupName) {
        Integer index = groupName == null ? null : groupIndex.get(groupName);
        if (index == null) {
            return null;
        }
        try {
            Matcher m = matcher(input);
            return m.find() ? m.group(index) : null;
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    private static RegexExecutionException tooDeep() {
        return new RegexExecutionException("the regular expression recursed too deeply for this input");
    }

    private Matcher matcher(String input) {
        return pattern.matcher(new DeadlineCharSequence(input, System.nanoTime() + TIMEOUT_NANOS));
    }

    private void appendSubstitution(StringBuilder out, Matcher m, String input, String replacement, int limit) {
        int i = 0;
        while (i < replacement.length()) {
            if (out.length() > limit) {
                throw new ResultTooLongException(limit);
            }
            char c = replacement.charAt(i);
            if (c != '$' || i + 1 >= replacement.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = replacement.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '&') {
                out.append(m.group());
                i += 2;
            } else if (next == '`') {
                out.append(input, 0, m.start());
                i += 2;
            } else if (next == '\'') {
                out.append(input, m.end(), input.length());
                i += 2;
            } else if (next == '_') {
                out.append(input);
                i += 2;
            } else if (next == '+') {
                appendGroup(out, m, lastGroupIndex());
                i += 2;
            } else if (next == '{') {
                int close = replacement.indexOf('}', i + 2);
                String name = close < 0 ? null : replacement.substring(i + 2, close);
                Integer index = name == null ? null : groupIndex.get(name);
                if (index == null) {
                    out.append(c);
                    i++;
                } else {
                    appendGroup(out, m, index);
                    i = close + 1;
                }
            } else if (Character.isDigit(next)) {
                int j = i + 1;
                int bestEnd = -1;
                int bestIndex = -1;
                while (j < replacement.length() && Character.isDigit(replacement.charAt(j)) && j - i <= 9) {
                    Integer index = groupIndex.get(replacement.substring(i + 1, j + 1));
                    if (index != null) {
                        bestEnd = j + 1;
                        bestIndex = index;
                    }
                    j++;
                }
                if (bestIndex < 0) {
                    out.append(c);
                    i++;
                } else {
                    appendGroup(out, m, bestIndex);
                    i = bestEnd;
                }
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private int lastGroupIndex() {
        int highest = 0;
        String highestName = null;
        for (Map.Entry<String, Integer> e : groupIndex.entrySet()) {
            if (e.getKey().chars().allMatch(Character::isDigit)) {
                int number = Integer.parseInt(e.getKey());
                if (number >= highest) {
                    highest = number;
                    highestName = e.getKey();
                }
            }
        }
        return highestName == null ? 0 : groupIndex.get(highestName);
    }

    private static void appendGroup(StringBuilder out, Matcher m, int index) {
        String value = m.group(index);
        if (value != null) {
            out.append(value);
        }
    }

    private static NetRegex translate(String net) {
        StringBuilder java = new StringBuilder(net.length() + 16);
        List<String> javaGroupNames = new ArrayList<>();
        int unnamed = 0;
        List<Integer> unnamedJavaIndexes = new ArrayList<>();
        Map<String, Integer> namedJavaIndexes = new LinkedHashMap<>();
        boolean inClass = false;
        int i = 0;
        while (i < net.length()) {
            char c = net.charAt(i);
            if (c == '\\') {
                if (i + 1 >= net.length()) {
                    throw new IllegalArgumentException("the pattern ends with a lone backslash");
                }
                char e = net.charAt(i + 1);
                if (!inClass && e == 'k' && i + 2 < net.length() && (net.charAt(i + 2) == '<' || net.charAt(i + 2) == '\'')) {
                    char close = net.charAt(i + 2) == '<' ? '>' : '\'';
                    int end = net.indexOf(close, i + 3);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated \\k<name> back-reference");
                    }
                    String name = net.substring(i + 3, end);
                    java.append("\\k<").append(javaName(name, javaGroupNames)).append('>');
                    i = end + 1;
                    continue;
                }
                java.append(c).append(e);
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '-' && i + 1 < net.length() && net.charAt(i + 1) == '[') {
                    throw new IllegalArgumentException(".NET character class subtraction [a-z-[aeiou]] is not supported");
                } else if (c == '[') {
                    java.append('\\');
                } else if (c == '&' && i + 1 < net.length() && net.charAt(i + 1) == '&') {
                    java.append('\\');
                }
                java.append(c);
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                java.append(c);
                i++;
                if (i < net.length() && net.charAt(i) == '^') {
                    java.append('^');
                    i++;
                }
                if (i < net.length() && net.charAt(i) == ']') {
                    java.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(') {
                if (net.startsWith("(?#", i)) {
                    int end = net.indexOf(')', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated (?# comment");
                    }
                    i = end + 1;
                    continue;
                }
                String name = groupNameAt(net, i);
                if (name != null) {
                    if (name.contains("-")) {
                        throw new IllegalArgumentException(".NET balancing groups (?<a-b>) are not supported");
                    }
                    if (namedJavaIndexes.containsKey(name)) {
                        throw new IllegalArgumentException("the group name '" + name + "' is used twice");
                    }
                    javaGroupNames.add(name);
                    namedJavaIndexes.put(name, javaGroupNames.size());
                    java.append("(?<").append(javaName(name, javaGroupNames)).append('>');
                    i += name.length() + 4;
                    continue;
                }
                if (i + 1 < net.length() && net.charAt(i + 1) == '?') {
                    int j = i + 2;
                    while (j < net.length() && "imsx-".indexOf(net.charAt(j)) >= 0) {
                        j++;
                    }
                    if (j < net.length() && net.charAt(j) == 'n') {
                        throw new IllegalArgumentException("the .NET 'n' (explicit capture) option is not supported");
                    }
                    java.append(c);
                    i++;
                    continue;
                }
                javaGroupNames.add(null);
                unnamed++;
                unnamedJavaIndexes.add(javaGroupNames.size());
                java.append(c);
                i++;
                continue;
            }
            java.append(c);
            i++;
        }
        Map<String, Integer> groupIndex = new HashMap<>();
        groupIndex.put("0", 0);
        for (int n = 0; n < unnamedJavaIndexes.size(); n++) {
            groupIndex.put(Integer.toString(n + 1), unnamedJavaIndexes.get(n));
        }
        int number = unnamed;
        for (Map.Entry<String, Integer> e : namedJavaIndexes.entrySet()) {
            number++;
            groupIndex.put(e.getKey(), e.getValue());
            groupIndex.putIfAbsent(Integer.toString(number), e.getValue());
        }
        try {
            return new NetRegex(net, Pattern.compile(java.toString(), FLAGS), Map.copyOf(groupIndex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + " near index " + Math.max(e.getIndex(), 0));
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("the pattern is too deeply nested");
        }
    }

    /** The .NET group name opened at {@code i} by {@code (?<name>} or {@code (?'name'}, or null. */
    private static String groupNameAt(String net, int i) {
        if (!net.startsWith("(?", i) || i + 2 >= net.length()) {
            return null;
        }
        char open = net.charAt(i + 2);
        if (open != '<' && open != '\'') {
            return null;
        }
        if (i + 3 < net.length() && (net.charAt(i + 3) == '=' || net.charAt(i + 3) == '!')) {
            return null;
        }
        char close = open == '<' ? '>' : '\'';
        int end = net.indexOf(close, i + 3);
        if (end < 0) {
            throw new IllegalArgumentException("unterminated group name after (?" + open);
        }
        String name = net.substring(i + 3, end);
        if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '-')) {
            throw new IllegalArgumentException("invalid group name '" + name + "'");
        }
        if (name.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("numbered group names like (?<" + name + ">) are not supported");
        }
        return name;
    }

    /** Java group names must be ASCII letters and digits: .NET names map to g1, g2, ... by first appearance. */
    private static String javaName(String netName, List<String> javaGroupNames) {
        int index = javaGroupNames.indexOf(netName);
        if (index < 0) {
            throw new IllegalArgumentException("reference to an undefined group name '" + netName + "'");
        }
        return "g" + (index + 1);
    }

    /** A CharSequence that aborts catastrophic backtracking once its deadline has passed. */
    private static final class DeadlineCharSequence implements CharSequence {

        private final String text;
        private final long deadline;
        private int reads;

        DeadlineCharSequence(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() > deadline) {
                throw new RegexExecutionException("the regular expression took longer than 2 seconds");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Matching failed: the time limit passed or the pattern recursed too deeply for the input. */
    public static final class RegexExecutionException extends RuntimeException {
        RegexExecutionException(String message) {
            super(message, null, false, false);
        }
    }

    /** A replacement would have built a text longer than the limit it was given. */
    public static final class ResultTooLongException extends RuntimeException {

        public ResultTooLongException(int limit) {
            super("the result would be longer than " + limit + " characters");
        }
    }
}
