package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven wrote into {@code integration-monitor-version.properties} at build time. */
public final class BuildVersion {
    static final String RESOURCE = "/integration-monitor-version.properties";
    static final String UNKNOWN = "unknown";

    private BuildVersion() {
    }

    public static String fromClasspath() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            // an unfiltered resource (run from an IDE without Maven) still holds the placeholder
            return version.isEmpty() || version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
