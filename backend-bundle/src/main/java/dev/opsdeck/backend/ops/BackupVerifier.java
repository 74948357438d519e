package dev.opsdeck.backend.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares what a backup recorded with what its restore holds. */
final class BackupVerifier {
    private BackupVerifier() {
    }

    static List<VerifyReport.TableCheck> compare(List<TableStat> recorded, List<TableStat> restored) {
        Map<String, TableStat> actual = new LinkedHashMap<>();
        restored.forEach(t -> actual.put(t.table(), t));
        List<VerifyReport.TableCheck> out = new ArrayList<>();
        for (TableStat e : recorded) {
            TableStat a = actual.remove(e.table());
            if (a == null) {
                out.add(new VerifyReport.TableCheck(e.table(), "missing", e.rows(), null, e.checksum(), null, false));
                continue;
            }
            boolean cols = Objects.equals(e.columns(), a.columns());
            boolean same = cols && Objects.equals(e.rows(), a.rows()) && Objects.equals(e.checksum(), a.checksum());
            out.add(new VerifyReport.TableCheck(e.table(), same ? "ok" : "mismatch", e.rows(), a.rows(), e.checksum(), a.checksum(), cols));
        }
        for (TableStat a : actual.values()) {
            out.add(new VerifyReport.TableCheck(a.table(), "unexpected", null, a.rows(), null, a.checksum(), false));
        }
        return out;
    }
}
