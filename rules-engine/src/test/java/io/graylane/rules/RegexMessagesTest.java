package io.graylane.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An invalid REGEX says what RE2 does not support (or what is wrong) instead of RE2J's bare parser message. */
class RegexMessagesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "(?<=a)b     | lookbehind (?<=...) is not supported by RE2",
        "(?<!a)b     | negative lookbehind (?<!...) is not supported by RE2",
        "a(?=b)      | lookahead (?=...) is not supported by RE2",
        "a(?!b)      | negative lookahead (?!...) is not supported by RE2",
        "(a)\\\\1    | backreference \\\\1 is not supported by RE2",
        "(?<n>a)\\\\k<n> | backreference \\\\k<...> is not supported by RE2",
        "a*+         | possessive quantifier *+ is not supported by RE2",
        "(?>ab)      | atomic group (?>...) is not supported by RE2",
        "(?P<n>a)(?P=n) | backreference (?P=...) is not supported by RE2",
        "a\\\\Z      | \\\\Z is not supported by RE2 (\\\\z is the end of the text)",
        "(?i         | invalid or unsupported Perl syntax: `(?i` (RE2 has no lookaround, backreferences, possessive quantifiers or atomic groups)",
        "(a          | missing closing )",
    })
    void saysWhatRe2DoesNotSupport(String pattern, String why) {
        String json = "{\"version\":\"1\",\"lanes\":{\"gray\":{\"rules\":[{\"conditions\":[{\"type\":\"STRING\","
                + "\"subject\":\"s\",\"predicate\":\"REGEX\",\"objects\":[\"" + pattern + "\"]}]}]}}}";
        RuleValidationException e = assertThrows(RuleValidationException.class, () -> RuleDocuments.parse(json));
        String shown = pattern.replace("\\\\", "\\");
        assertEquals("lanes.gray.rules[0].conditions[0].objects[0]: invalid REGEX \"" + shown.replace("\\", "\\\\") + "\": "
                + why.replace("\\\\", "\\"), e.problems().get(0));
    }
}
