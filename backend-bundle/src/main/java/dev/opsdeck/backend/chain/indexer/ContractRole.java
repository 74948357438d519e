package dev.opsdeck.backend.chain.indexer;

/** The contracts the indexer follows, each configured by the variable the validator dashboard guide names. */
public enum ContractRole {
    SAGE_TOKEN("SAGE_TOKEN_ADDRESS", "0x072349097c8a802e7f66dc96b95aca84e4d78ddad22014904076c76293a99850"),
    PROVER_STAKING("PROVER_STAKING_ADDRESS", "0x3287a0af5ab2d74fbf968204ce2291adde008d645d42bc363cb741ebfa941b"),
    REPUTATION_MANAGER("REPUTATION_MANAGER_ADDRESS", "0x4ef80990256fb016381f57c340a306e37376c1de70fa11147a4f1fc57a834de"),
    JOB_MANAGER("JOB_MANAGER_ADDRESS", "0x355b8c5e9dd3310a3c361559b53cfcfdc20b2bf7d5bd87a84a83389b8cbb8d3"),
    OTC_ORDERBOOK("OTC_ORDERBOOK_ADDRESS", "0x7b2b59d93764ccf1ea85edca2720c37bba7742d05a2791175982eaa59cedef0"),
    /** The payments environment's checkpoint contract; no default outside the demo devnet. */
    CHECKPOINT("CHECKPOINT_CONTRACT_ADDRESS", null);

    private final String variable;
    private final String sepoliaDefault;

    ContractRole(String variable, String sepoliaDefault) {
        this.variable = variable;
        this.sepoliaDefault = sepoliaDefault;
    }

    public String variable() {
        return variable;
    }

    /** The guide's Sepolia address, or null. */
    public String sepoliaDefault() {
        return sepoliaDefault;
    }
}
