package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.ContractRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/contracts}: the indexed contracts with explorer links for the network the providers serve. */
final class Contracts {
    static final String SN_MAIN = "0x534e5f4d41494e";
    static final String SN_SEPOLIA = "0x534e5f5345504f4c4941";

    private Contracts() {
    }

    /** Network name for a chain id: {@code mainnet}, {@code sepolia}, {@code devnet} or {@code unknown}. */
    static String network(String chainId, boolean localDevnet) {
        if (localDevnet) {
            return "devnet";
        }
        if (chainId == null) {
            return "unknown";
        }
        switch (chainId.toLowerCase(Locale.ROOT)) {
            case SN_MAIN: return "mainnet";
            case SN_SEPOLIA: return "sepolia";
            default: return "unknown";
        }
    }

    record Explorer(String name, String url) {
    }

    record Contract(String name, String variable, String address, List<Explorer> explorers) {
    }

    static List<Contract> list(Map<ContractRole, String> contracts, String network) {
        List<Contract> out = new ArrayList<>();
        contracts.forEach((role, address) -> out.add(new Contract(role.name().toLowerCase(Locale.ROOT), role.variable(), address, links(network, address))));
        return out;
    }

    private static List<Explorer> links(String network, String address) {
        switch (network) {
            case "mainnet":
                return List.of(new Explorer("voyager", "https://voyager.online/contract/" + address),
                        new Explorer("starkscan", "https://starkscan.co/contract/" + address));
            case "sepolia":
                return List.of(new Explorer("voyager", "https://sepolia.voyager.online/contract/" + address),
                        new Explorer("starkscan", "https://sepolia.starkscan.co/contract/" + address));
            default:
                return List.of(); // a devnet or unknown chain has no public explorer
        }
    }
}
