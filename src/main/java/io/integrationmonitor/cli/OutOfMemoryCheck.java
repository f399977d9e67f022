package io.integrationmonitor.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The daemon must exit on an OutOfMemoryError: the JVM's default is to let the thread die and carry on,
 * which leaves a half-dead process (HTTP server gone, scheduler still logging) that no supervisor restarts.
 * {@code run} warns once at start when the JVM was started without {@code -XX:+ExitOnOutOfMemoryError}
 * (or {@code -XX:+CrashOnOutOfMemoryError}).
 */
final class OutOfMemoryCheck {
    static final String WARNING = "the JVM runs without -XX:+ExitOnOutOfMemoryError: after an OutOfMemoryError"
            + " the process would stay up half-dead (HTTP server gone, polls stopped) instead of exiting for its"
            + " supervisor to restart it. Add the flag to the java command line, or to JAVA_TOOL_OPTIONS /"
            + " JDK_JAVA_OPTIONS (the container image sets it).";

    private OutOfMemoryCheck() {
    }

    /** Logs {@link #WARNING} once when this JVM would survive an OutOfMemoryError. */
    static void warnIfMissing(Logger log) {
        if (!exitsOnOutOfMemory(flag("ExitOnOutOfMemoryError"), flag("CrashOnOutOfMemoryError"), inputArguments())) {
            log.warn(WARNING);
        }
    }

    /**
     * Whether the JVM ends on an OutOfMemoryError. The VM's own flag values decide when known (they include
     * JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and flag files); otherwise the command line does.
     */
    static boolean exitsOnOutOfMemory(Optional<Boolean> exitFlag, Optional<Boolean> crashFlag,
                                      List<String> inputArguments) {
        if (exitFlag.isPresent() || crashFlag.isPresent()) {
            return exitFlag.orElse(false) || crashFlag.orElse(false);
        }
        boolean on = false;
        for (String argument : inputArguments) {
            if (argument.equals("-XX:+ExitOnOutOfMemoryError") || argument.equals("-XX:+CrashOnOutOfMemoryError")) {
                on = true;
            } else if (argument.equals("-XX:-ExitOnOutOfMemoryError")
                    || argument.equals("-XX:-CrashOnOutOfMemoryError")) {
                on = false;
            }
        }
        return on;
    }

    private static Optional<Boolean> flag(String name) {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            VMOption option = hotSpot == null ? null : hotSpot.getVMOption(name);
            return option == null ? Optional.empty() : Optional.of(Boolean.parseBoolean(option.getValue()));
        } catch (RuntimeException e) {
            return Optional.empty(); // not HotSpot, or no such flag: the command line decides
        }
    }

    private static List<String> inputArguments() {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        return runtime.getInputArguments();
    }
}
