package dev.opsdeck.backend.chain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectBloomTest {
    @Test
    void holdsEveryMemberAndRarelyClaimsAStranger() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 20, 300, 1_000}) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                members.add(felt(r));
            }
            byte[] bloom = SubjectBloom.of(members);
            assertThat(members).allMatch(m -> SubjectBloom.mayContain(bloom, m));
            int falsePositives = 0;
            int trials = 100_000;
            for (int i = 0; i < trials; i++) {
                if (SubjectBloom.mayContain(bloom, felt(r))) {
                    falsePositives++;
                }
            }
            // Designed for at most ~0.4% at 12 bits per subject; 1% leaves room for chance.
            assertThat(falsePositives).as("false positives among %d strangers with %d members", trials, n).isLessThan(trials / 100);
        }
    }

    @Test
    void sizeFollowsTheNumberOfSubjects() {
        assertThat(SubjectBloom.of(List.of()).length).isEqualTo(32);
        assertThat(SubjectBloom.of(Arrays.asList("0x1", null)).length).isEqualTo(32);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add("0x" + Integer.toHexString(i));
        }
        assertThat(SubjectBloom.of(many).length).isEqualTo(2_048); // 16,384 bits: 16 per subject
        assertThat(SubjectBloom.mayContain(SubjectBloom.of(List.of()), "0x1")).isFalse();
    }

    private static String felt(SplittableRandom r) {
        return "0x" + Long.toHexString(r.nextLong() >>> 6) + Long.toHexString(r.nextLong());
    }
}
