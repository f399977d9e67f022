package io.integrationmonitor.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelsTest {
    enum Colour implements Labels.Labelled {
        DARK_RED("dark_red"),
        BLUE("blue");

        private final String label;

        Colour(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    @Test
    void findsAConstantByItsLabelNotItsName() {
        // given an enum whose labels differ from its names; when looked up; then by label only
        assertThat(Labels.of(Colour.class, "dark_red", "colour")).isEqualTo(Colour.DARK_RED);
        assertThat(Labels.find(Colour.class, "DARK_RED")).isEmpty();
        assertThat(Labels.find(Colour.class, null)).isEmpty();
    }

    @Test
    void anUnknownLabelNamesTheVocabularyAndTheValue() {
        assertThatThrownBy(() -> Labels.of(Colour.class, "green", "colour"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown colour 'green'");
    }
}
