package dev.opsdeck.console.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.shell.Session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link OpsApi} over the session's current client, so a reconnect or environment switch is picked up. */
public final class HttpOpsApi implements OpsApi {
    private final Session session;

    public HttpOpsApi(Session session) {
        this.session = session;
    }

    @Override
    public List<Backup> backups() throws ApiException {
        return OpsJson.list(api().get("/admin/backups").path("backups"), OpsJson::backup);
    }

    @Override
    public String createBackup(String type, String key) throws ApiException {
        return api().post("/admin/backup/create", Map.of("type", type), Optional.of(key)).path("backup_id").asText();
    }

    @Override
    public VerifyResult verifyBackup(String id, String key) throws ApiException {
        return OpsJson.verify(api().post("/admin/backups/" + enc(id) + "/verify", null, Optional.of(key)));
    }

    @Override
    public void deleteBackup(String id) throws ApiException {
        api().delete("/admin/backups/" + enc(id));
    }

    @Override
    public String restoreCommand(String id) throws ApiException {
        JsonNode r = api().get("/admin/backups/" + enc(id) + "/restore-command");
        return r.path("command").asText() + "\n\n# target: " + r.path("target_kind").asText() + "\n# " + r.path("note").asText();
    }

    @Override
    public long download(String id, Path file) throws ApiException {
        return api().download("/admin/backups/" + enc(id) + "/download", file);
    }

    @Override
    public CleanupResult cleanup(int days, boolean dryRun, String key) throws ApiException {
        ApiClient api = api();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", days);
        body.put("dry_run", dryRun);
        if (!dryRun) {
            // The operator confirmed in the console; stage/prod backends also want their profile repeated.
            body.put("confirm", api.get("/stats").path("profile").asText());
        }
        return OpsJson.cleanup(api.post("/admin/maintenance/cleanup", body, Optional.of(key)));
    }

    @Override
    public List<ServiceInfo> services() throws ApiException {
        return OpsJson.list(api().get("/admin/services/status"), OpsJson::service);
    }

    @Override
    public ServiceInfo serviceAction(String name, String action, String key) throws ApiException {
        JsonNode r = action.equals("restart")
                ? api().post("/admin/restart/service", Map.of("service", name), Optional.of(key))
                : api().post("/admin/services/" + enc(name) + "/" + action, null, Optional.of(key));
        return OpsJson.service(r.path("status"));
    }

    @Override
    public List<String> chaosServices() throws ApiException {
        try {
            return OpsJson.list(api().get("/admin/demo/chaos"), n -> n.path("service").asText());
        } catch (ApiException e) {
            if (e.status() == 404) {
                return List.of(); // not a demo backend: no chaos menu
            }
            throw e;
        }
    }

    @Override
    public void chaos(String service, String mode) throws ApiException {
        api().post("/admin/demo/chaos", Map.of("service", service, "mode", mode));
    }

    @Override
    public List<LogLine> recentLogs(int limit, Optional<String> level) throws ApiException {
        String q = "/admin/logs/recent?limit=" + limit + level.map(l -> "&level=" + enc(l)).orElse("");
        return OpsJson.list(api().get(q).path("logs"), OpsJson::log);
    }

    @Override
    public DatabaseStats databaseStats() throws ApiException {
        return OpsJson.database(api().get("/admin/database/stats"));
    }

    @Override
    public Environment environment() throws ApiException {
        ConnectionTarget t = api().target();
        return new Environment(t.environmentName(), t.production());
    }

    private ApiClient api() throws ApiException {
        return session.api();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
