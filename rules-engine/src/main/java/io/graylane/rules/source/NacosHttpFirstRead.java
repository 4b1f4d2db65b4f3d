package io.graylane.rules.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first rule document read over Nacos' open HTTP API ({@code GET /nacos/v1/cs/configs}) with JDK classes only.
 *
 * <p>Why: the Nacos client's first answer comes over gRPC, and a cold JVM that is starting a Spring Boot application
 * on two cores spends seconds loading and warming the client's gRPC/Netty classes before it can ask — 7 to 16 s was
 * seen on this project's own e2e nodes, so requests of the first seconds ran on baseline on gray nodes. This read
 * answers in milliseconds; the client still connects in the background for pushes. It only ever reports a document
 * the server holds (HTTP 200): anything else (absent document, other API versions, auth with access keys, errors)
 * returns null and leaves the decision to the client.
 */
final class NacosHttpFirstRead {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private final NacosSettings settings;

    NacosHttpFirstRead(NacosSettings settings) {
        this.settings = settings;
    }

    /** Whether this read can be tried at all with these settings (access-key signing is left to the client). */
    boolean applicable() {
        return settings.accessKey == null && settings.secretKey == null && settings.serverAddr != null
                && !settings.serverAddr.trim().isEmpty();
    }

    /** The document, or null when no server of the list answered 200 within {@code timeoutMillis} each. */
    String read(int timeoutMillis, long maxBytes) {
        for (String server : settings.serverAddr.split(",")) {
            String base = base(server.trim());
            if (base.isEmpty()) {
                continue;
            }
            try {
                String content = readFrom(base, timeoutMillis, maxBytes);
                if (content != null) {
                    return content;
                }
            } catch (IOException | RuntimeException e) {
                // next server; the client path reports failures
            }
        }
        return null;
    }

    /** {@code host:port} or a URL with a context path → {@code http://host:port/nacos}. */
    static String base(String server) {
        if (server.isEmpty()) {
            return "";
        }
        String s = server.contains("://") ? server : "http://" + server;
        int pathStart = s.indexOf('/', s.indexOf("://") + 3);
        if (pathStart < 0 || pathStart == s.length() - 1) {
            return (pathStart < 0 ? s : s.substring(0, pathStart)) + "/nacos";
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private String readFrom(String base, int timeoutMillis, long maxBytes) throws IOException {
        StringBuilder query = new StringBuilder();
        query.append("dataId=").append(enc(settings.dataId)).append("&group=").append(enc(settings.group));
        if (settings.namespace != null && !settings.namespace.isEmpty()) {
            query.append("&tenant=").append(enc(settings.namespace));
        }
        if (settings.username != null && settings.password != null) {
            String token = login(base, timeoutMillis);
            if (token == null) {
                return null;
            }
            query.append("&accessToken=").append(enc(token));
        }
        HttpURLConnection c = open(base + "/v1/cs/configs?" + query, timeoutMillis);
        try {
            if (c.getResponseCode() != 200) {
                return null;
            }
            return body(c.getInputStream(), maxBytes);
        } finally {
            c.disconnect();
        }
    }

    private String login(String base, int timeoutMillis) throws IOException {
        HttpURLConnection c = open(base + "/v1/auth/login", timeoutMillis);
        try {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            byte[] form = ("username=" + enc(settings.username) + "&password=" + enc(settings.password))
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = c.getOutputStream();
            try {
                out.write(form);
            } finally {
                out.close();
            }
            if (c.getResponseCode() != 200) {
                return null;
            }
            Matcher m = ACCESS_TOKEN.matcher(body(c.getInputStream(), 64 * 1024));
            return m.find() ? m.group(1) : null;
        } finally {
            c.disconnect();
        }
    }

    private static HttpURLConnection open(String url, int timeoutMillis) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        c.setUseCaches(false);
        c.setInstanceFollowRedirects(false);
        return c;
    }

    /** The body as UTF-8, or null when it is larger than {@code maxBytes} (the client path then refuses it). */
    private static String body(InputStream in, long maxBytes) throws IOException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxBytes) {
                    return null;
                }
                out.write(buf, 0, n);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                return null; // not UTF-8: left to the client path, which refuses it with a reason
            }
        } finally {
            in.close();
        }
    }

    private static String enc(String s) {
        try {
            return URLEncoder.encode(s, "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
