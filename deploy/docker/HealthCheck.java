import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker HEALTHCHECK probe: exits 0 when {@code /healthz} answers 2xx within 3 seconds, else 1. The JRE runtime
 * image has no curl or wget we can rely on, so the check is done by the JRE already in the image.
 *
 * <p>Where to probe, first match wins (the port is the one the monitor was configured with, not a fixed 9108):
 * <ol>
 *   <li>a URL argument;</li>
 *   <li>{@code MONITOR_HTTP_PORT} in the environment;</li>
 *   <li>the command line of the container's main process ({@code /proc/1/cmdline}): {@code demo --port N
 *       [--bind A]}, or the {@code -c/--config FILE} of {@code run}, whose {@code http.port} and
 *       {@code http.bind_address} are read (block or flow style, {@code ${VAR}} / {@code ${VAR:-default}});</li>
 *   <li>the image's default configuration file {@code /etc/integration-monitor/config.yaml};</li>
 *   <li>9108 on 127.0.0.1.</li>
 * </ol>
 * A plain HTTP probe: a server with TLS (a web config file) needs the URL argument in its own HEALTHCHECK.
 */
public final class HealthCheck {
    static final String DEFAULT_CONFIG = "/etc/integration-monitor/config.yaml";
    static final int DEFAULT_PORT = 9108;

    public static void main(String[] args) {
        String url;
        try {
            url = args.length > 0 ? args[0] : url(System.getenv(),
                    commandLine(Path.of(System.getProperty("healthcheck.cmdline", "/proc/1/cmdline"))));
        } catch (RuntimeException e) {
            System.err.println("healthcheck: cannot tell the port: " + e);
            url = "http://127.0.0.1:" + DEFAULT_PORT + "/healthz";
        }
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(3000);
            int code = c.getResponseCode();
            System.exit(code >= 200 && code < 300 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("healthcheck: " + url + ": " + e);
            System.exit(1);
        }
    }

    static String url(Map<String, String> env, List<String> mainArgs) {
        String host = "127.0.0.1";
        String port = env.get("MONITOR_HTTP_PORT");
        if (port == null) {
            String[] fromArgs = fromCommandLine(env, mainArgs);
            host = fromArgs[0] != null ? fromArgs[0] : host;
            port = fromArgs[1] != null ? fromArgs[1] : String.valueOf(DEFAULT_PORT);
        }
        return "http://" + probeHost(host) + ":" + Integer.parseInt(port.strip()) + "/healthz";
    }

    /** {bind address or null, port or null}. */
    private static String[] fromCommandLine(Map<String, String> env, List<String> args) {
        int demo = args.indexOf("demo");
        if (demo >= 0) {
            return new String[] {option(args, "--bind"), option(args, "--port")};
        }
        String config = option(args, "--config");
        config = config != null ? config : option(args, "-c");
        Path file = Path.of(config != null ? config : DEFAULT_CONFIG);
        if (!Files.isReadable(file)) {
            return new String[2];
        }
        try {
            String yaml = Files.readString(file, StandardCharsets.UTF_8);
            return new String[] {httpKey(yaml, "bind_address", env), httpKey(yaml, "port", env)};
        } catch (IOException e) {
            return new String[2];
        }
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** {@code key} inside the top-level {@code http} mapping, block ({@code http:\n  port: 1}) or flow style. */
    static String httpKey(String yaml, String key, Map<String, String> env) {
        List<String> lines = Arrays.asList(yaml.split("\\R"));
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (!line.startsWith("http:")) {
                continue;
            }
            String rest = line.substring("http:".length()).strip();
            if (rest.startsWith("{")) {
                Matcher m = Pattern.compile("[{,]\\s*" + key + "\\s*:\\s*(\\$\\{[^}]*}|[^,}]+)").matcher(rest);
                return m.find() ? scalar(m.group(1), env) : null;
            }
            for (int j = i + 1; j < lines.size(); j++) {
                String child = stripComment(lines.get(j));
                if (child.isBlank()) {
                    continue;
                }
                if (!Character.isWhitespace(child.charAt(0))) {
                    break; // the next top-level key
                }
                Matcher m = Pattern.compile("^\\s+" + key + "\\s*:\\s*(.+)$").matcher(child);
                if (m.find()) {
                    return scalar(m.group(1), env);
                }
            }
        }
        return null;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf(" #");
        return (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).stripTrailing();
    }

    private static String scalar(String raw, Map<String, String> env) {
        String v = raw.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        Matcher ref = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?}$").matcher(v);
        if (ref.matches()) {
            String value = env.get(ref.group(1));
            v = value != null && !value.isEmpty() ? value : ref.group(2);
        }
        return v;
    }

    /** A wildcard bind is probed on loopback; a specific address on itself. */
    private static String probeHost(String bind) {
        if (bind == null || bind.isBlank() || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    /** The NUL-separated arguments of the container's main process; empty where there is no such file. */
    static List<String> commandLine(Path cmdline) {
        try {
            return new ArrayList<>(Arrays.asList(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0")));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
