package dev.opsdeck.backend.workers.agent;

import dev.opsdeck.backend.api.ConfigException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's flags (environment fallbacks in brackets): {@code --coordinator URL} [OPSDECK_COORDINATOR_URL],
 * {@code --token T} [OPSDECK_AGENT_TOKEN], {@code --worker-id ID} [OPSDECK_WORKER_ID, default the host name],
 * {@code --interval SECONDS} (10), {@code --nvidia-smi CMD} ("nvidia-smi", looked up on PATH),
 * {@code --cycles N} (0 = run until stopped), {@code --wallet 0x...}.
 */
record AgentOptions(URI coordinator, String token, String workerId, Duration interval, String nvidiaSmi, int cycles, String wallet) {

    static AgentOptions parse(List<String> args, Map<String, String> env) {
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new ConfigException("agent", "unexpected argument '" + a + "'");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                f.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                f.put(a.substring(2), args.get(++i));
            } else {
                throw new ConfigException(a, "needs a value");
            }
        }
        for (String k : f.keySet()) {
            if (!List.of("coordinator", "token", "worker-id", "interval", "nvidia-smi", "cycles", "wallet").contains(k)) {
                throw new ConfigException("--" + k, "is not an agent flag");
            }
        }
        String url = f.getOrDefault("coordinator", env.get("OPSDECK_COORDINATOR_URL"));
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new ConfigException("--coordinator", "must be the coordinator's http:// or https:// URL");
        }
        String token = f.getOrDefault("token", env.get("OPSDECK_AGENT_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new ConfigException("--token", "an API token is required (or OPSDECK_AGENT_TOKEN)");
        }
        String worker = f.getOrDefault("worker-id", env.getOrDefault("OPSDECK_WORKER_ID", hostname()));
        if (!worker.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new ConfigException("--worker-id", "must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        long interval = number("--interval", f.getOrDefault("interval", "10"), 1, 3600);
        int cycles = (int) number("--cycles", f.getOrDefault("cycles", "0"), 0, Integer.MAX_VALUE);
        return new AgentOptions(URI.create(url.replaceAll("/+$", "")), token.trim(), worker, Duration.ofSeconds(interval),
                f.getOrDefault("nvidia-smi", "nvidia-smi"), cycles, f.get("wallet"));
    }

    private static long number(String flag, String v, long min, long max) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new ConfigException(flag, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(flag, "must be a whole number (was '" + v + "')");
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._:-]", "-");
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
