package io.integrationmonitor.cli;

import io.integrationmonitor.metrics.BuildVersion;
import picocli.CommandLine;

/** {@code --version}: the version Maven filtered into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"integration-monitor " + BuildVersion.fromClasspath()};
    }
}
