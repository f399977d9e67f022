package io.integrationmonitor.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad command-line input is one line on standard error and a usage exit code: 3 (UNKNOWN) for {@code once},
 * whose caller is a Nagios-style check where 2 means CRITICAL; 2 everywhere else. No command at all is a
 * usage error too.
 */
class UsageErrorsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void no_arguments_prints_the_usage_and_exits_2() {
        int code = execute();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: integration-monitor", "once", "run", "demo");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void once_with_an_unknown_output_format_is_unknown_not_critical() {
        int code = execute("once", "--output", "yaml");

        assertThat(code).isEqualTo(3);
        assertThat(errorLines()).singleElement().asString()
                .startsWith("error: Invalid value for option '--output'")
                .contains("'yaml'")
                .endsWith("(see 'integration-monitor once --help')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void once_with_an_unknown_option_exits_3() {
        assertThat(execute("once", "--no-such-option")).isEqualTo(3);
        assertThat(errorLines()).singleElement().asString().startsWith("error: Unknown option: '--no-such-option'");
    }

    @Test
    void an_unknown_command_exits_2_with_one_line() {
        assertThat(execute("rnu")).isEqualTo(2);
        assertThat(errorLines()).singleElement().asString().startsWith("error: Unmatched argument")
                .endsWith("(see 'integration-monitor --help')");
    }

    @Test
    void usage_errors_of_the_other_commands_exit_2_with_one_line() {
        List<String[]> wrong = List.of(
                new String[] {"run", "--config"},
                new String[] {"run", "--no-such-option"},
                new String[] {"validate-config"},
                new String[] {"test-alert", "--receiver"},
                new String[] {"demo", "--port", "not-a-number"},
                new String[] {"simulator", "--estate", "integrations=lots"});
        for (String[] args : wrong) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);

            int code = execute(args);

            assertThat(code).as(String.join(" ", args) + ": " + err).isEqualTo(2);
            assertThat(errorLines()).as(String.join(" ", args)).singleElement().asString()
                    .startsWith("error: ").endsWith(" --help')");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void help_is_not_an_error() {
        assertThat(execute("--help")).isZero();
        assertThat(execute("once", "--help")).isZero();
    }

    private int execute(String... args) {
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private List<String> errorLines() {
        return err.toString().lines().filter(line -> !line.isBlank()).toList();
    }
}
