package io.integrationmonitor.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LabelTextTest {
    private static final String[] NAMES = {"account_id", "integration_arn", "region"};
    /** Characters whose order differs between bytes, code points and UTF-16, and those the writer escapes. */
    private static final String[] PIECES = {"a", "b", "z", "A", "0", ",", "=", "\"", "\\", "\n", "é", "ü", "\u07FF",
            "\u0800", "\uD7FF", "\uE000", "\uFF21", "\uFFFF", "\uD83D\uDE00", "\uD800\uDC00", "\uDBFF\uDFFF", ""};
    private final Random random = new Random(7);

    @Test
    void labelTextsOrderAsTheirValuesDo() {
        for (int run = 0; run < 20_000; run++) {
            // given two resources' label values, often sharing a prefix
            String[] a = values();
            String[] b = run % 3 == 0 ? a.clone() : values();
            if (run % 2 == 0) {
                int at = random.nextInt(a.length);
                b[at] = a[at] + piece();
            }

            // when their rendered label texts are compared
            int byText = LabelText.compare(LabelText.of(NAMES, a), LabelText.of(NAMES, b));

            // then they order as the Strings do, label after label
            assertThat(Integer.signum(byText)).as("%s vs %s", Arrays.toString(a), Arrays.toString(b))
                    .isEqualTo(Integer.signum(Arrays.compare(a, b)));
        }
    }

    @Test
    void aRangeEndingBeforeTheNextLabelComparesOnlyItsLabels() {
        // given texts differing only in their last label
        byte[] a = LabelText.of(NAMES, new String[] {"1", "arn", "eu-west-1"});
        byte[] b = LabelText.of(NAMES, new String[] {"1", "arn", "us-east-1"});
        int prefix = "account_id=\"1\",integration_arn=\"arn\",".length();

        // when only the labels before the last one (with their comma) are compared, then they are equal
        assertThat(LabelText.compare(a, 0, prefix, b, 0, prefix)).isZero();
        // and the rest orders by the last label
        assertThat(LabelText.compare(a, prefix, a.length, b, prefix, b.length)).isNegative();
        assertThat(LabelText.compare(b, 0, b.length, a, 0, a.length)).isPositive();
    }

    @Test
    void aSupplementaryCharacterSortsAsItsHighSurrogateDoes() {
        // given U+1F600 (UTF-16 D83D DE00, UTF-8 F0 9F 98 80) and U+FF21 (UTF-8 EF BC A1)
        byte[] emoji = LabelText.of(new String[] {"n"}, new String[] {"\uD83D\uDE00"});
        byte[] wide = LabelText.of(new String[] {"n"}, new String[] {"\uFF21"});

        // then the emoji sorts first, as in String order, though its code point and its bytes are larger
        assertThat("\uD83D\uDE00".compareTo("\uFF21")).isNegative();
        assertThat(LabelText.compare(emoji, wide)).isNegative();
        assertThat(LabelText.compare(wide, emoji)).isPositive();
    }

    private String[] values() {
        String[] values = new String[NAMES.length];
        for (int i = 0; i < values.length; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(4); n > 0; n--) {
                value.append(piece());
            }
            values[i] = value.toString();
        }
        return values;
    }

    private String piece() {
        return PIECES[random.nextInt(PIECES.length)];
    }
}
