package dev.opsdeck.console.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saved environment profiles in {@code environments.json} in the user's config directory: readable JSON a person
 * may inspect or edit, with every secret sealed by a {@link SecretBox} (key in {@code environments.key}, 0600).
 * Blocking file I/O: call off the UI thread. Secrets never appear in exceptions or {@code toString}.
 */
public final class ProfileStore {
    static final String FILE = "environments.json";
    static final String KEY_FILE = "environments.key";
    private static final String NOTE = "OpsDeck environment profiles. admin_key and viewer_token are never stored in clear: "
            + "they are encrypted with AES-256-GCM under the key in " + KEY_FILE + " next to this file (owner-only "
            + "permissions, 0600, created on first use), because no OS keyring is used on this system. Deleting the key "
            + "file makes the stored secrets unreadable; re-enter them in Settings.";

    private final Path file;
    private final SecretBox secrets;
    private final ObjectMapper json;

    public ProfileStore(Path configDir, ObjectMapper json) {
        this.file = configDir.resolve(FILE);
        this.secrets = new SecretBox(configDir.resolve(KEY_FILE));
        this.json = json;
    }

    /** The profile file, for messages. */
    public Path file() {
        return file;
    }

    /** The saved profiles in order; none when the file does not exist yet. */
    public List<EnvironmentProfile> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root = json.readTree(file.toFile());
        List<EnvironmentProfile> profiles = new ArrayList<>();
        for (JsonNode p : root.path("environments")) {
            String name = p.path("name").asText("");
            if (name.isBlank()) {
                continue; // a hand-edited entry without a name cannot be shown or chosen
            }
            profiles.add(new EnvironmentProfile(name, url(p.path("base_url").asText(""), name),
                    secret(p, "admin_key"), secret(p, "viewer_token"), p.path("colour").asText(null),
                    p.path("production").asBoolean(false)));
        }
        return profiles;
    }

    /** Replaces the file with {@code profiles} (atomically: a crash leaves the old or the new file, never half). */
    public void save(List<EnvironmentProfile> profiles) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("_note", NOTE);
        ArrayNode list = root.putArray("environments");
        for (EnvironmentProfile p : profiles) {
            ObjectNode o = list.addObject();
            o.put("name", p.name());
            o.put("base_url", p.baseUrl().toString());
            o.put("admin_key", p.adminKey().isPresent() ? secrets.seal(p.adminKey().get(), "admin_key") : null);
            o.put("viewer_token", p.viewerToken().isPresent() ? secrets.seal(p.viewerToken().get(), "viewer_token") : null);
            o.put("colour", p.colour());
            o.put("production", p.production());
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<String> secret(JsonNode p, String field) throws IOException {
        JsonNode v = p.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(secrets.open(v.asText(), field));
    }

    private URI url(String text, String name) throws IOException {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw new URISyntaxException(text, "no host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IOException("environment '" + name + "' in " + file + " has no valid base_url");
        }
    }
}
