package dev.opsdeck.console.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One validator of {@code /api/validator/status}, from the index.
 *
 * @param address    validator address
 * @param stake      SAGE staked
 * @param reputation reputation score, {@code null} when never scored
 * @param status     {@code active} (positive stake) or {@code inactive}
 */
public record ValidatorRow(String address, BigDecimal stake, BigDecimal reputation, String status) {

    static List<ValidatorRow> list(JsonNode n) {
        List<ValidatorRow> out = new ArrayList<>();
        n.path("list").forEach(v -> out.add(new ValidatorRow(JsonFields.text(v, "address"), decimal(v, "stake"),
                decimal(v, "reputation"), JsonFields.text(v, "status"))));
        return out;
    }

    static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
    }
}
