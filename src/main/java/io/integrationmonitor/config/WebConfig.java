package io.integrationmonitor.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Prometheus exporter-toolkit web configuration file ({@code --web.config.file} of node_exporter and
 * friends), so that operators reuse the file and the habits they have: TLS, basic auth users with bcrypt
 * hashes, extra response headers. Parsed strictly, as the exporter-toolkit does: an unknown key is an error.
 * Keys of the toolkit that this server does not implement (cipher_suites, client_allowed_sans, ...) are
 * therefore errors too, rather than silently ignored security settings.
 *
 * @param tlsServerConfig  TLS for the HTTP port; absent means plain HTTP
 * @param basicAuthUsers   user name to bcrypt hash
 * @param httpServerConfig extra response headers
 */
public record WebConfig(TlsServerConfig tlsServerConfig, Map<String, String> basicAuthUsers,
                        HttpServerConfig httpServerConfig) {
    /** $2a$, $2b$ or $2y$, a two-digit cost, 22 characters of salt and 31 of hash (bcrypt's own base64). */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    public WebConfig {
        basicAuthUsers = basicAuthUsers == null ? Map.of() : Map.copyOf(basicAuthUsers);
        httpServerConfig = httpServerConfig == null ? new HttpServerConfig(null, null) : httpServerConfig;
        for (Map.Entry<String, String> user : basicAuthUsers.entrySet()) {
            if (user.getKey().isEmpty() || user.getKey().contains(":")) {
                throw KeyProblem.at("basic_auth_users", "user name '" + user.getKey()
                        + "' must be non-empty and contain no ':'").exception();
            }
            var matcher = BCRYPT.matcher(user.getValue());
            int cost = matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
            if (cost < 4 || cost > 31) {
                // Never quote the value: it is a password hash.
                throw KeyProblem.at("basic_auth_users." + user.getKey(),
                        "is not a bcrypt hash ($2a$, $2b$ or $2y$, cost 4 to 31; make one with "
                        + "htpasswd -nbBC 10 \"\" PASSWORD | tr -d ':\\n')").exception();
            }
        }
    }

    /** The password hashes stay out of logs and messages: only the user names are shown. */
    @Override
    public String toString() {
        return "WebConfig[tlsServerConfig=" + tlsServerConfig + ", basicAuthUsers=" + new java.util.TreeSet<>(
                basicAuthUsers.keySet()) + ", httpServerConfig=" + httpServerConfig + "]";
    }

    /** TLS client certificate policies, named as in the exporter-toolkit (and Go's crypto/tls). */
    @SuppressWarnings("java:S115") // the names are the config values
    public enum ClientAuthType {
        NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert;

        /** Whether a client certificate is checked against {@code client_ca_file}. */
        public boolean verifies() {
            return this == VerifyClientCertIfGiven || this == RequireAndVerifyClientCert;
        }

        /** Whether a client without a certificate is refused at the handshake. */
        public boolean requires() {
            return this == RequireAnyClientCert || this == RequireAndVerifyClientCert;
        }
    }

    /** TLS protocol versions, as the exporter-toolkit spells them. */
    public enum TlsVersion {
        TLS10("TLSv1"), TLS11("TLSv1.1"), TLS12("TLSv1.2"), TLS13("TLSv1.3");

        private final String jsseName;

        TlsVersion(String jsseName) {
            this.jsseName = jsseName;
        }

        /** The protocol name for JSSE ({@code SSLParameters.setProtocols}). */
        public String jsseName() {
            return jsseName;
        }
    }

    /**
     * @param certFile     PEM certificate (chain), server certificate first
     * @param keyFile      PEM private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC)
     * @param clientCaFile PEM CA certificate(s) that client certificates must chain to
     * @param minVersion   lowest TLS version accepted; default TLS12, as in the exporter-toolkit
     * @param maxVersion   highest TLS version accepted; default TLS13
     */
    public record TlsServerConfig(Path certFile, Path keyFile, ClientAuthType clientAuthType, Path clientCaFile,
                                  TlsVersion minVersion, TlsVersion maxVersion) {
        public TlsServerConfig {
            clientAuthType = clientAuthType == null ? ClientAuthType.NoClientCert : clientAuthType;
            minVersion = minVersion == null ? TlsVersion.TLS12 : minVersion;
            maxVersion = maxVersion == null ? TlsVersion.TLS13 : maxVersion;
            if (certFile == null) {
                throw KeyProblem.at("cert_file", "is required for TLS").exception();
            }
            if (keyFile == null) {
                throw KeyProblem.at("key_file", "is required for TLS").exception();
            }
            if (clientAuthType.verifies() && clientCaFile == null) {
                throw KeyProblem.at("client_ca_file", "is required with client_auth_type " + clientAuthType)
                        .involving("client_auth_type").exception();
            }
            if (!clientAuthType.verifies() && clientCaFile != null) {
                throw KeyProblem.at("client_ca_file", "is only used with client_auth_type "
                        + "VerifyClientCertIfGiven or RequireAndVerifyClientCert, not " + clientAuthType)
                        .involving("client_auth_type").exception();
            }
            if (minVersion.compareTo(maxVersion) > 0) {
                throw KeyProblem.at("min_version", minVersion + " is above max_version " + maxVersion)
                        .involving("max_version").exception();
            }
        }

        /** The TLS versions to enable, lowest first. */
        public List<String> protocols() {
            List<String> protocols = new ArrayList<>();
            for (TlsVersion version : TlsVersion.values()) {
                if (version.compareTo(minVersion) >= 0 && version.compareTo(maxVersion) <= 0) {
                    protocols.add(version.jsseName());
                }
            }
            return protocols;
        }
    }

    /**
     * @param headers extra headers on every response (e.g. {@code Strict-Transport-Security})
     * @param http2   accepted for compatibility with existing files; this server speaks HTTP/1.1 only
     */
    public record HttpServerConfig(Map<String, String> headers, Boolean http2) {
        /** Headers the server sets itself; the exporter-toolkit refuses to let the file override these too. */
        private static final Set<String> RESERVED = Set.of("authorization", "content-encoding", "content-length",
                "content-type", "date", "server", "transfer-encoding", "www-authenticate", "connection", "set-cookie");
        private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

        public HttpServerConfig {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                String name = header.getKey();
                if (!TOKEN.matcher(name).matches()) {
                    throw KeyProblem.at("headers", "'" + name + "' is not a valid header name").exception();
                }
                if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                    throw KeyProblem.at("headers", name + " is set by the server and cannot be configured").exception();
                }
                if (header.getValue().chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    throw KeyProblem.at("headers", "the value of " + name + " must not contain control characters")
                            .exception();
                }
            }
        }
    }

    /**
     * Reads and checks the file. Relative file names in it are relative to the file's directory (as in
     * the exporter-toolkit), and the certificate and key files must be readable; not interpolated: the
     * toolkit does not interpolate either, and bcrypt hashes are full of {@code $}.
     */
    public static WebConfig load(Path file) {
        String source = "web config file " + file;
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "file not found")));
        } catch (java.io.IOException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", "cannot read: " + e.getMessage())));
        }
        WebConfig config = ConfigLoader.parse(yaml.replace("${", "$${"), source, Map.of(), WebConfig.class);
        return config.resolvedAgainst(file.toAbsolutePath().getParent(), source);
    }

    private WebConfig resolvedAgainst(Path dir, String source) {
        if (tlsServerConfig == null) {
            return this;
        }
        TlsServerConfig tls = tlsServerConfig;
        List<ConfigProblem> problems = new ArrayList<>();
        Path cert = readable(dir, tls.certFile(), "tls_server_config.cert_file", problems);
        Path key = readable(dir, tls.keyFile(), "tls_server_config.key_file", problems);
        Path ca = tls.clientCaFile() == null ? null
                : readable(dir, tls.clientCaFile(), "tls_server_config.client_ca_file", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new WebConfig(new TlsServerConfig(cert, key, tls.clientAuthType(), ca, tls.minVersion(),
                tls.maxVersion()), basicAuthUsers, httpServerConfig);
    }

    private static Path readable(Path dir, Path file, String key, List<ConfigProblem> problems) {
        Path resolved = dir == null ? file : dir.resolve(file);
        if (!Files.isRegularFile(resolved)) {
            problems.add(new ConfigProblem(key, "file " + resolved + " not found"));
        } else if (!Files.isReadable(resolved)) {
            problems.add(new ConfigProblem(key, "file " + resolved + " is not readable"));
        }
        return resolved;
    }
}
