package io.integrationmonitor.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A scrape as Prometheus makes it, timed to the last byte: one HTTP/1.1 GET on a fresh connection, the body read
 * in large blocks and discarded. The JDK's {@code HttpClient} was measured first and added its own cost: it hands
 * a 100 MB body over in thousands of small buffers on its own threads, and on two cores those compete with the
 * monitor (297 ms for a plain scrape that curl read in 145 ms from the same monitor).
 */
final class TimedGet {
    private static final int BLOCK = 256 * 1024;

    /** Status and body bytes (chunked framing removed, still compressed when gzip). */
    record Response(int status, long bodyBytes) {
    }

    private TimedGet() {
    }

    static Response get(int port, String path, boolean gzip, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(timeoutMillis);
            socket.setReceiveBufferSize(BLOCK);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + (gzip ? "Accept-Encoding: gzip\r\n" : "") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), BLOCK);
            String statusLine = line(in);
            String[] parts = statusLine.split(" ");
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            boolean chunked = false;
            long length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                } else if (h.startsWith("content-length:")) {
                    length = Long.parseLong(h.substring("content-length:".length()).trim());
                }
            }
            return new Response(status, chunked ? chunkedBody(in) : body(in, length));
        }
    }

    private static long chunkedBody(InputStream in) throws IOException {
        long total = 0;
        byte[] scratch = new byte[BLOCK];
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return total;
            }
            readFully(in, scratch, size);
            total += size;
            if (!line(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static long body(InputStream in, long length) throws IOException {
        byte[] scratch = new byte[BLOCK];
        if (length >= 0) {
            readFully(in, scratch, length);
            return length;
        }
        long total = 0;
        for (int n = in.read(scratch); n >= 0; n = in.read(scratch)) {
            total += n;
        }
        return total;
    }

    private static void readFully(InputStream in, byte[] scratch, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                throw new IOException("connection closed with " + left + " of " + bytes + " bytes to come");
            }
            left -= n;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line");
            }
            if (line.size() > 8192) {
                throw new IOException("line longer than 8 KB");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
