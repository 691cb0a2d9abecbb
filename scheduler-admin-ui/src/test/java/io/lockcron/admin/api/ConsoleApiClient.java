package io.lockcron.admin.api;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the JSON API the way docs/console.md tells scripts to: HTTP Basic on every request, a
 * CSRF token fetched from {@code api/csrf} and sent in its header with every POST, and the session
 * cookie that holds the token kept between calls.
 */
final class ConsoleApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final @Nullable String authorization;
    private @Nullable String csrfHeader;
    private @Nullable String csrfToken;

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    ConsoleApiClient(String base, @Nullable String user, @Nullable String password) {
        this.base = base;
        this.authorization = user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String path, Map<String, String> query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    Response get(String path) throws IOException, InterruptedException {
        return get(path, Map.of());
    }

    /** Fetches a CSRF token for the following POSTs, as a script does once per session. */
    void fetchCsrfToken() throws IOException, InterruptedException {
        JsonNode csrf = get("/api/csrf").json();
        csrfHeader = csrf.get("headerName").asString();
        csrfToken = csrf.get("token").asString();
    }

    Response post(String path, Map<String, String> query) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path, query)).POST(HttpRequest.BodyPublishers.noBody());
        if (csrfToken != null) {
            request.header(csrfHeader, csrfToken);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response);
    }

    private URI uri(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
    }
}
