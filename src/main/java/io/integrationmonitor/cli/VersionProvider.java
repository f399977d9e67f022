package io.integrationmonitor.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: the version Maven filtered into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/integration-monitor-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"integration-monitor " + p.getProperty("version", "unknown")};
    }
}
