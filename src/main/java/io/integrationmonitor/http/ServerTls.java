package io.integrationmonitor.http;

import io.integrationmonitor.config.ConfigException;
import io.integrationmonitor.config.ConfigProblem;
import io.integrationmonitor.config.WebConfig.TlsServerConfig;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * TLS for the HTTP port from the web config file's {@code tls_server_config}: PEM certificate and key as
 * operators have them (cert-manager writes PKCS#1 or SEC1 keys, which the JDK cannot read from PEM; Bouncy
 * Castle's PEM parser can), client certificates per {@code client_auth_type}. The files are re-read when
 * their modification time changes, so a renewed certificate is served without a restart; a renewal that
 * cannot be loaded (half-written, mismatched) is logged and the previous certificate stays.
 */
final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
    /** In-memory key stores only: the password protects nothing on disk. */
    private static final String STORE_PASSWORD = "in-memory";

    private final TlsServerConfig config;
    private final String source;
    private final SslContextFactory.Server factory;
    private List<FileTime> loadedTimes;
    private ScheduledExecutorService watcher;

    private ServerTls(TlsServerConfig config, String source) {
        this.config = config;
        this.source = source;
        this.factory = config.clientAuthType().verifies() ? new SslContextFactory.Server() : new AnyClientCertificate();
        factory.setIncludeProtocols(config.protocols().toArray(String[]::new));
        // Server names are not checked (SNI): Prometheus scrapes pod IPs the certificate rarely names.
        factory.setSniRequired(false);
        switch (config.clientAuthType()) {
            case NoClientCert -> { }
            case RequestClientCert -> factory.setWantClientAuth(true);
            case RequireAnyClientCert -> factory.setNeedClientAuth(true);
            case VerifyClientCertIfGiven -> factory.setWantClientAuth(true);
            case RequireAndVerifyClientCert -> factory.setNeedClientAuth(true);
        }
        this.loadedTimes = modificationTimes();
        apply(factory, load());
    }

    /** Loads the files; a problem is a {@link ConfigException} naming the web config key. */
    static ServerTls create(TlsServerConfig config, String source) {
        return new ServerTls(config, source);
    }

    SslContextFactory.Server sslContextFactory() {
        return factory;
    }

    /** Checks the files every {@code period} and reloads them when they changed. */
    void watch(Duration period) {
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void reloadIfChanged() {
        List<FileTime> times = modificationTimes();
        if (times.equals(loadedTimes)) {
            return;
        }
        try {
            Stores stores = load();
            factory.reload(f -> apply(f, stores));
            loadedTimes = times;
            log.info("reloaded the TLS certificate from {}", config.certFile());
        } catch (ConfigException e) {
            log.warn("keeping the previous TLS certificate: {}", e.problems());
        } catch (Exception e) {
            log.warn("keeping the previous TLS certificate: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private record Stores(KeyStore keys, KeyStore trust) {
    }

    /**
     * RequestClientCert and RequireAnyClientCert take a client certificate without checking who signed it
     * (as Go's crypto/tls does); Jetty's trust-all setting applies to clients only, hence the override.
     */
    private static final class AnyClientCertificate extends SslContextFactory.Server {
        @Override
        protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
            return SslContextFactory.TRUST_ALL_CERTS;
        }
    }

    private static void apply(SslContextFactory factory, Stores stores) {
        factory.setKeyStore(stores.keys());
        factory.setKeyStorePassword(STORE_PASSWORD);
        if (stores.trust() != null) {
            factory.setTrustStore(stores.trust());
        }
    }

    private List<FileTime> modificationTimes() {
        List<FileTime> times = new ArrayList<>();
        for (Path file : new Path[]{config.certFile(), config.keyFile(), config.clientCaFile()}) {
            try {
                times.add(file == null ? null : Files.getLastModifiedTime(file));
            } catch (IOException e) {
                times.add(null);
            }
        }
        return times;
    }

    private Stores load() {
        List<X509Certificate> chain = certificates(config.certFile(), "tls_server_config.cert_file");
        PrivateKey key = privateKey(config.keyFile());
        if (!matches(key, chain.get(0))) {
            throw problem("tls_server_config.key_file", "the key in " + config.keyFile()
                    + " does not belong to the first certificate in " + config.certFile());
        }
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, STORE_PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
            KeyStore trust = null;
            if (config.clientCaFile() != null) {
                trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate ca : certificates(config.clientCaFile(), "tls_server_config.client_ca_file")) {
                    trust.setCertificateEntry("ca-" + i++, ca);
                }
            }
            return new Stores(keys, trust);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory key store: " + e, e);
        }
    }

    private List<X509Certificate> certificates(Path file, String key) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser pem = parser(file)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw problem(key, "cannot read a PEM certificate from " + file + ": " + reason(e));
        }
        if (certificates.isEmpty()) {
            throw problem(key, "no PEM certificate (BEGIN CERTIFICATE) in " + file);
        }
        return certificates;
    }

    private PrivateKey privateKey(Path file) {
        String key = "tls_server_config.key_file";
        try (PEMParser pem = parser(file)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item.getClass().getSimpleName().contains("Encrypted")) {
                    throw problem(key, "the key in " + file + " is encrypted; give an unencrypted key");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw problem(key, "cannot read a PEM private key from " + file + ": " + reason(e));
        }
        throw problem(key, "no PEM private key in " + file);
    }

    /** Signs and verifies a probe: works for RSA, EC and EdDSA alike. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // unknown to this check: the handshake will tell
        }
        try {
            byte[] probe = "integration-monitor".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PEMParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        return new PEMParser(reader);
    }

    private static String reason(Exception e) {
        return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
    }

    private ConfigException problem(String key, String message) {
        return new ConfigException(source, List.of(new ConfigProblem(key, message)));
    }
}
