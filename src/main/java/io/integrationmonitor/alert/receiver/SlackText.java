package io.integrationmonitor.alert.receiver;

import io.integrationmonitor.text.InertText;

/**
 * Makes untrusted text inert in Slack {@code mrkdwn}: control and bidi characters are escaped visibly
 * ({@link InertText}), {@code &}, {@code <}, {@code >} become entities (so
 * {@code <!channel>}, {@code <@U123>} and {@code <http://x|y>} cannot mention or link), and the formatting
 * characters {@code * _ ~ `} are wrapped in zero-width joiners so they cannot pair up into bold, italics,
 * strike-through or code.
 */
final class SlackText {
    static final char ZWJ = '\u200D';

    private SlackText() {
    }

    static String escape(String untrusted) {
        String raw = InertText.escape(untrusted);
        StringBuilder s = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            switch (ch) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '*', '_', '~', '`' -> s.append(ZWJ).append(ch).append(ZWJ);
                default -> s.append(ch);
            }
        }
        return s.toString();
    }
}
