package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One indexed contract of {@code /api/contracts}.
 *
 * @param name      role name, e.g. {@code prover_staking}
 * @param variable  the environment variable that configures it
 * @param address   contract address
 * @param explorers explorer links for the network; empty on a devnet, which has no public explorer
 */
public record ContractRow(String name, String variable, String address, List<Link> explorers) {

    /** An explorer link: its name (voyager, starkscan) and URL. */
    public record Link(String name, String url) {
    }

    static List<ContractRow> list(JsonNode n) {
        List<ContractRow> out = new ArrayList<>();
        n.path("contracts").forEach(c -> {
            List<Link> links = new ArrayList<>();
            c.path("explorers").forEach(x -> links.add(new Link(JsonFields.text(x, "name"), JsonFields.text(x, "url"))));
            out.add(new ContractRow(JsonFields.text(c, "name"), JsonFields.text(c, "variable"), JsonFields.text(c, "address"),
                    List.copyOf(links)));
        });
        return out;
    }
}
