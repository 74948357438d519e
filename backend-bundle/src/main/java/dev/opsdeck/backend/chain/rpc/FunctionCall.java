package dev.opsdeck.backend.chain.rpc;

import java.util.List;

/** The spec's {@code FUNCTION_CALL}: contract, entry point selector ({@link StarknetKeccak#selector}) and calldata. */
public record FunctionCall(String contractAddress, String entryPointSelector, List<String> calldata) {
    public static FunctionCall of(String contract, String entryPoint, String... calldata) {
        return new FunctionCall(Felt.of(contract), StarknetKeccak.selector(entryPoint), List.of(calldata));
    }
}
