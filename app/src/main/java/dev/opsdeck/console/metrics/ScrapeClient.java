package dev.opsdeck.console.metrics;

import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.shell.Session;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Fetches a target's exposition text. The connected backend is read through the session's API client (its
 * credentials, its error sentences); other targets with a plain GET, as Prometheus scrapes them. Blocking: call
 * off the UI thread.
 */
public final class ScrapeClient implements MetricsBrowserViewModel.Source {
    /** Prometheus' own default scrape timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Session session;
    private final OkHttpClient http;

    public ScrapeClient(Session session, OkHttpClient http) {
        this.session = session;
        this.http = http.newBuilder().callTimeout(TIMEOUT).build();
    }

    @Override
    public String scrape(ScrapeTarget target) throws Exception {
        if (target.isBackend()) {
            return session.api().getText("/metrics");
        }
        String url = target.url().orElseThrow().toString();
        Request request = new Request.Builder().url(url)
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1").get().build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                throw new ApiException(response.code(), url + " answered " + response.code()
                        + (response.message().isEmpty() ? "" : " " + response.message()), "");
            }
            return body.string();
        } catch (UnknownHostException e) {
            throw new ApiException(0, "cannot scrape " + url + ": unknown host", "");
        } catch (ConnectException e) {
            throw new ApiException(0, "cannot scrape " + url + ": connection refused", "");
        } catch (SocketTimeoutException e) {
            throw new ApiException(0, "cannot scrape " + url + ": no answer within " + TIMEOUT.toSeconds() + " s", "");
        } catch (IOException e) {
            throw new ApiException(0, "cannot scrape " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), "");
        }
    }
}
