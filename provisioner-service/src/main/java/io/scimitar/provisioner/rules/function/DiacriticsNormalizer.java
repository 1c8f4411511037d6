package io.scimitar.provisioner.rules.function;

import java.text.Normalizer;
import java.util.Map;

/** NormalizeDiacritics: Entra's table (ä→a, æ→ae, ø→oe, ß→ss, ł→l, ...) plus removal of accents on Latin letters. */
final class DiacriticsNormalizer {

    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('æ', "ae"), Map.entry('Æ', "AE"), Map.entry('ǣ', "ae"), Map.entry('Ǣ', "AE"),
            Map.entry('ø', "oe"), Map.entry('Ø', "OE"), Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
            Map.entry('ß', "ss"), Map.entry('ł', "l"), Map.entry('Ł', "L"), Map.entry('ı', "i"),
            Map.entry('đ', "d"), Map.entry('Đ', "D"));

    private DiacriticsNormalizer() {
    }

    static String normalize(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return text;
        }
        StringBuilder replaced = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String special = SPECIAL.get(c);
            replaced.append(special != null ? special : String.valueOf(c));
        }
        String decomposed = Normalizer.normalize(replaced, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        char base = 0;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK && isLatinLetter(base)) {
                continue;
            }
            out.append(c);
            base = c;
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static boolean isLatinLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
