package dev.opsdeck.backend.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

/** The spec's {@code BLOCK_ID}: a block by hash, by number, or a tag ({@code latest}, {@code l1_accepted}, {@code pre_confirmed}). */
public record BlockId(String hash, Long number, String tag) {
    public static final BlockId LATEST = new BlockId(null, null, "latest");

    public static BlockId number(long n) {
        return new BlockId(null, n, null);
    }

    public static BlockId hash(String h) {
        return new BlockId(Felt.of(h), null, null);
    }

    public JsonNode toJson() {
        if (tag != null) {
            return TextNode.valueOf(tag);
        }
        var o = JsonNodeFactory.instance.objectNode();
        if (hash != null) {
            o.put("block_hash", hash);
        } else {
            o.put("block_number", number);
        }
        return o;
    }
}
