package io.graylane.rules;

import com.google.re2j.PatternSyntaxException;

/**
 * Says why RE2 refused a REGEX: the Perl/Java construct it does not support when the pattern uses one (lookaround,
 * backreferences, possessive quantifiers, atomic groups, conditionals, {@code \Z}), else RE2J's own message.
 */
final class Re2Syntax {
    static final String UNSUPPORTED = "RE2 has no lookaround, backreferences, possessive quantifiers or atomic groups";

    private Re2Syntax() {
    }

    static String explain(String pattern, PatternSyntaxException e) {
        String feature = unsupportedFeature(pattern);
        if (feature != null) {
            return feature;
        }
        String why = e.getDescription();
        if (why == null) {
            return String.valueOf(e.getMessage());
        }
        if (why.contains("internal error")) {
            return "unexpected ) (" + UNSUPPORTED + ")";
        }
        if (why.startsWith("invalid or unsupported") || why.startsWith("invalid escape")
                || why.startsWith("invalid named capture") || why.startsWith("invalid nested repetition")) {
            return why + ": `" + e.getPattern() + "` (" + UNSUPPORTED + ")";
        }
        return why;
    }

    /** The first construct RE2 does not support, described, or null. Skips escapes and character classes. */
    static String unsupportedFeature(String p) {
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char n = p.charAt(i + 1);
                if (!inClass && n >= '1' && n <= '9') {
                    return "backreference \\" + n + " is not supported by RE2";
                }
                if (!inClass && n == 'k' && i + 2 < p.length() && (p.charAt(i + 2) == '<' || p.charAt(i + 2) == '{')) {
                    return "backreference \\k<...> is not supported by RE2";
                }
                if (n == 'Z') {
                    return "\\Z is not supported by RE2 (\\z is the end of the text)";
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                if (i + 1 < p.length() && p.charAt(i + 1) == ']') {
                    i++;
                }
                continue;
            }
            if (c == '(' && p.startsWith("(?", i)) {
                String group = group(p, i + 2);
                if (group != null) {
                    return group;
                }
            }
            if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < p.length() && p.charAt(i + 1) == '+'
                    && i > 0 && !(c == '?' && p.charAt(i - 1) == '(')) {
                return "possessive quantifier " + c + "+ is not supported by RE2";
            }
        }
        return null;
    }

    private static String group(String p, int at) {
        if (p.startsWith("<=", at)) {
            return "lookbehind (?<=...) is not supported by RE2";
        }
        if (p.startsWith("<!", at)) {
            return "negative lookbehind (?<!...) is not supported by RE2";
        }
        if (p.startsWith("=", at)) {
            return "lookahead (?=...) is not supported by RE2";
        }
        if (p.startsWith("!", at)) {
            return "negative lookahead (?!...) is not supported by RE2";
        }
        if (p.startsWith(">", at)) {
            return "atomic group (?>...) is not supported by RE2";
        }
        if (p.startsWith("P=", at)) {
            return "backreference (?P=...) is not supported by RE2";
        }
        if (p.startsWith("(", at)) {
            return "conditional (?(...)...) is not supported by RE2";
        }
        if (p.startsWith("R)", at) || (at < p.length() && Character.isDigit(p.charAt(at)))) {
            return "recursion (?R) is not supported by RE2";
        }
        return null;
    }
}
