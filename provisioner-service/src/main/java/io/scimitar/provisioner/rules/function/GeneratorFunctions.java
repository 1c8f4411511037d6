package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.UniqueValueUnavailableException;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Guid, RandomString, Redact and SelectUniqueValue: values that depend on the environment. */
final class GeneratorFunctions {

    static final int RANDOM_STRING_MAX_LENGTH = 256;
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    /** The non-alphanumeric characters of Windows password complexity rules. */
    private static final String SPECIAL = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";

    private GeneratorFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("Guid", 0, 0, GeneratorFunctions::guid),
                FunctionDefinition.of("RandomString", 5, 6, GeneratorFunctions::randomString),
                FunctionDefinition.of("Redact", 1, 1, args -> {
                    args.context().markRedacted();
                    return args.value(0);
                }),
                FunctionDefinition.of("SelectUniqueValue", 2, FunctionDefinition.UNBOUNDED,
                        GeneratorFunctions::selectUniqueValue));
    }

    private static Object guid(FunctionArguments args) {
        RandomGenerator random = args.context().environment().random();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static Object randomString(FunctionArguments args) {
        long length = ValueConversions.requireLong(args.value(0), "RandomString", "Length");
        long digits = ValueConversions.requireLong(args.value(1), "RandomString", "MinimumNumbers");
        long special = ValueConversions.requireLong(args.value(2), "RandomString", "MinimumSpecialCharacters");
        long upper = ValueConversions.requireLong(args.value(3), "RandomString", "MinimumCapital");
        long lower = ValueConversions.requireLong(args.value(4), "RandomString", "MinimumLowerCase");
        String avoidText = args.text(5);
        String avoid = avoidText == null ? "" : avoidText;
        if (length < 1 || length > RANDOM_STRING_MAX_LENGTH) {
            throw args.error("Length must be between 1 and " + RANDOM_STRING_MAX_LENGTH + " but was " + length);
        }
        if (digits < 0 || special < 0 || upper < 0 || lower < 0) {
            throw args.error("the minimum counts must not be negative");
        }
        if (digits + special + upper + lower > length) {
            throw args.error("the minimum counts add up to more than Length " + length);
        }
        String[] pools = {without(DIGITS, avoid), without(SPECIAL, avoid), without(UPPER, avoid), without(LOWER, avoid)};
        long[] minimums = {digits, special, upper, lower};
        String[] names = {"numbers", "special characters", "capital letters", "lower case letters"};
        RandomGenerator random = args.context().environment().random();
        List<Character> chars = new ArrayList<>((int) length);
        StringBuilder all = new StringBuilder();
        for (int p = 0; p < pools.length; p++) {
            if (minimums[p] > 0 && pools[p].isEmpty()) {
                throw args.error("every allowed character for " + names[p] + " is in CharactersToAvoid");
            }
            for (long i = 0; i < minimums[p]; i++) {
                chars.add(pools[p].charAt(random.nextInt(pools[p].length())));
            }
            all.append(pools[p]);
        }
        if (all.isEmpty()) {
            throw args.error("CharactersToAvoid excludes every character");
        }
        while (chars.size() < length) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        for (int i = chars.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Character swap = chars.get(i);
            chars.set(i, chars.get(j));
            chars.set(j, swap);
        }
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }

    private static String without(String pool, String avoid) {
        StringBuilder out = new StringBuilder(pool.length());
        for (int i = 0; i < pool.length(); i++) {
            if (avoid.indexOf(pool.charAt(i)) < 0) {
                out.append(pool.charAt(i));
            }
        }
        return out.toString();
    }

    /** The first rule whose value the target reports as unique; none unique means the entry is escrowed. */
    private static Object selectUniqueValue(FunctionArguments args) {
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < args.count(); i++) {
            String candidate = args.text(i);
            if (candidate == null || candidate.isEmpty()) {
                continue;
            }
            if (args.context().environment().uniquenessCheck().isUnique(candidate)) {
                return candidate;
            }
            candidates.add(candidate);
        }
        throw new UniqueValueUnavailableException(candidates);
    }
}
