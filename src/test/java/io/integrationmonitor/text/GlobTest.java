package io.integrationmonitor.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            // empty glob: only the empty name
            "'' | '' | true",
            "'' | a | false",
            // only stars: anything, also nothing
            "* | '' | true",
            "*** | '' | true",
            "*|   orders-zetl   | true",
            // trailing and leading stars, whole-string match
            "orders-*| orders-  | true",
            "orders-*| orders-zetl | true",
            "orders-*| my-orders-zetl | false",
            "*-zetl|   orders-zetl | true",
            "*-zetl|   orders-zetl-2 | false",
            "a*b*c|    abbbc    | true",
            "a*b*c|    acb      | false",
            "*a*b|     xaxb     | true",
            // ? is exactly one character
            "? | '' | false",
            "?|        x        | true",
            "?|        xy       | false",
            "a?c|      abc      | true",
            "a?c|      ac       | false",
            // everything else is literal, also regex syntax
            ".|        x        | false",
            ".*|       .abc     | true",
            "a+b|      a+b      | true",
            "a+b|      aab      | false",
            "[ab]|     a        | false",
            "[ab]|     [ab]     | true",
            "\\d|      \\d      | true",
            "(x)+|     (x)+     | true",
            // case-sensitive
            "Orders*|  orders   | false",
    })
    void matchesLikeAShellGlobOnTheWholeName(String glob, String text, boolean expected) {
        assertThat(Glob.of(glob).matches(text)).isEqualTo(expected);
    }

    @Test
    void questionMarkIsOneCodePointAndUnicodeIsLiteral() {
        assertThat(Glob.of("?").matches("é")).isTrue();
        assertThat(Glob.of("?").matches("😀")).isTrue();
        assertThat(Glob.of("??").matches("😀")).isFalse();
        assertThat(Glob.of("a?b").matches("a😀b")).isTrue();
        assertThat(Glob.of("zürich-*").matches("zürich-orders")).isTrue();
        assertThat(Glob.of("*😀").matches("x😀")).isTrue();
        assertThat(Glob.of("*😀").matches("x😁")).isFalse();
    }

    @Test
    void starsAndQuestionMarksSpanLineBreaks() {
        assertThat(Glob.of("a*b").matches("a\nb")).isTrue();
        assertThat(Glob.of("a?b").matches("a\nb")).isTrue();
        assertThat(Glob.of("a*").matches("a\u202Eb")).isTrue();
    }

    @Test
    void agreesWithTheRegexTranslationItReplaces() {
        // given random globs and names over a small alphabet (short enough for the regex to be quick)
        Random random = new Random(8);
        for (int i = 0; i < 5000; i++) {
            String glob = random(random, "ab*?", random.nextInt(7));
            String text = random(random, "ab", random.nextInt(8));
            // then the linear matcher and the old regex agree
            assertThat(Glob.of(glob).matches(text)).as("%s vs %s", glob, text).isEqualTo(regex(glob).matcher(text).matches());
        }
    }

    @Test
    void twoHundredStarsCostAtMostOneStepPerCharacter() {
        // given a silence name of 200 stars (collapsed into one when compiled)
        Glob glob = Glob.of("*".repeat(200));
        String name = "a".repeat(250);

        // when matched
        Glob.Result r = glob.run(name);

        // then it matches in linear steps
        assertThat(r.matched()).isTrue();
        assertThat(r.steps()).isLessThanOrEqualTo(name.length() + 2L);
    }

    @Test
    void backtrackingShapesStayWithinGlobTimesTextSteps() {
        // given shapes that make a backtracking regex explode: *a*a*a...*b, and 200 stars before a miss
        String alternating = "*a".repeat(100) + "*b";
        String starsThenMiss = "*".repeat(100) + "a" + "*".repeat(100) + "b";
        String questionRun = "?*".repeat(100) + "b";
        String name = "a".repeat(200);
        for (String g : new String[]{alternating, starsThenMiss, questionRun}) {
            // when matched against a name that almost fits
            Glob.Result r = Glob.of(g).run(name);

            // then no match, in at most (len(glob) + 1) x (len(name) + 1) steps
            assertThat(r.matched()).as(g).isFalse();
            assertThat(r.steps()).as(g).isLessThanOrEqualTo((g.length() + 1L) * (name.length() + 1L));
        }
    }

    @Test
    void keepsItsSource() {
        assertThat(Glob.of("orders-**").source()).isEqualTo("orders-**");
        assertThat(Glob.of("orders-**")).hasToString("orders-**");
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The translation AlertMatcher and ResourceFilter used before. */
    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
