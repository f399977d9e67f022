import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Docker HEALTHCHECK probe: exits 0 when the URL answers 2xx within 3 seconds, else 1. The JRE runtime image
 * has no curl or wget we can rely on, so the check is done by the JRE already in the image.
 */
public final class HealthCheck {
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:9108/healthz";
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(3000);
            int code = c.getResponseCode();
            System.exit(code >= 200 && code < 300 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("healthcheck: " + e);
            System.exit(1);
        }
    }
}
