package io.graylane.rules;

/**
 * Makes text from a rule document or a source safe for a one-line log entry: control characters (C0, DEL, C1 and
 * the Unicode line and paragraph separators) are written as escapes ({@code \n}, {@code \r}, {@code \t},
 * {@code \u001b}), so a version such as {@code "7\n[graylane] rules version 8 …"} cannot forge a second log line
 * or drive a terminal. Everything else is kept as it is.
 */
public final class LogText {
    private LogText() {
    }

    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                String hex = Integer.toHexString(c);
                sb.append("\\u");
                for (int k = hex.length(); k < 4; k++) {
                    sb.append('0');
                }
                sb.append(hex);
            }
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }

    /** A log that escapes every message it passes on (see {@link #escape}). */
    static RuleLog escaping(final RuleLog log) {
        return new RuleLog() {
            @Override
            public void info(String message) {
                log.info(escape(message));
            }

            @Override
            public void warn(String message) {
                log.warn(escape(message));
            }

            @Override
            public String toString() {
                return "escaping " + log;
            }
        };
    }
}
