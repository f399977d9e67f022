package io.integrationmonitor.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InertTextTest {

    @Test
    void lineBreaksAndTabsBecomeTheirEscapes() {
        assertThat(InertText.escape("orders\nFAKE LINE\r\tx")).isEqualTo("orders\\nFAKE LINE\\r\\tx");
    }

    @Test
    void otherControlCharactersBecomeUnicodeEscapes() {
        assertThat(InertText.escape("a\u0000b\u001Bc\u007Fd\u0085e\u009Ff")).isEqualTo("a\\u0000b\\u001Bc\\u007Fd\\u0085e\\u009Ff");
    }

    @Test
    void bidiControlsAndLineSeparatorsAreShownNotApplied() {
        String hostile = "orders\u202Elivart\u202C \u2066x\u2069 \u200E\u200F\u061C \u202A\u202B\u202D \u2067\u2068 \u2028\u2029";
        assertThat(InertText.escape(hostile)).isEqualTo("orders\\u202Elivart\\u202C \\u2066x\\u2069 \\u200E\\u200F\\u061C "
                + "\\u202A\\u202B\\u202D \\u2067\\u2068 \\u2028\\u2029");
    }

    @Test
    void ordinaryTextIsReturnedAsIs() {
        String text = "zürich-orders 😀 <b>&amp; \\n \u00A0 \u200D";
        assertThat(InertText.escape(text)).isSameAs(text);
        assertThat(InertText.escape("")).isEmpty();
        assertThat(InertText.escape(null)).isNull();
    }

    @Test
    void theResultHasNoUnsafeCharacterLeft() {
        StringBuilder all = new StringBuilder();
        for (char ch = 0; ch < 0x3000; ch++) {
            all.append(ch);
        }
        String escaped = InertText.escape(all.toString());
        assertThat(escaped.chars().noneMatch(ch -> InertText.isUnsafe((char) ch))).isTrue();
        assertThat(escaped).doesNotContain("\n", "\r", "\u202E", "\u2066", "\u0085");
    }
}
