package mmapbench.rounds;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundOrderTest {

    static final String CLASS = "mmapbench.file.RandomReadBenchmark.";

    static List<RowSpec> leg(int blockSizes) {
        List<RowSpec> rows = new ArrayList<>();
        for (int b = 0; b < blockSizes; b++) {
            for (String m : List.of("mappedBuffer", "memorySegment", "fileChannel", "randomAccessFile", "bufferedStream",
                    "fileChannelControl")) {
                rows.add(RowSpec.of(CLASS + m, "ss", Map.of("blockSize", String.valueOf(8 << b))));
            }
        }
        return rows;
    }

    @Test
    void everyRowRunsOnceARoundAndTheSameSeedGivesTheSameOrders() {
        List<RowSpec> rows = leg(2);
        Random a = new Random(42);
        Random b = new Random(42);
        for (int round = 0; round < 5; round++) {
            List<RowSpec> order = RoundOrder.of(rows, a);
            assertEquals(new HashSet<>(rows), new HashSet<>(order));
            assertEquals(rows.size(), order.size());
            assertEquals(order, RoundOrder.of(rows, b), "a seed repeats its orders");
        }
    }

    @Test
    void ordersDifferFromRoundToRoundSoThatNoApiIsAlwaysFirst() {
        List<RowSpec> rows = leg(1);
        Random random = new Random(1);
        Set<String> first = new HashSet<>();
        Set<List<RowSpec>> orders = new HashSet<>();
        for (int round = 0; round < 40; round++) {
            List<RowSpec> order = RoundOrder.of(rows, random);
            orders.add(order);
            RowSpec measuredFirst = order.stream().filter(r -> !r.control()).findFirst().orElseThrow();
            first.add(measuredFirst.method());
        }
        assertEquals(5, first.size(), "each of the five APIs comes first in some round: " + first);
        assertTrue(orders.size() > 20, orders.size() + " different orders in 40 rounds");
    }

    @Test
    void theControlTwinsRunLastAfterTheRowsTheyRepeat() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<RowSpec> order = RoundOrder.of(leg(2), random);
            List<RowSpec> tail = order.subList(order.size() - 2, order.size());
            assertTrue(tail.stream().allMatch(RowSpec::control), "the twins are last: " + order);
            assertTrue(order.subList(0, order.size() - 2).stream().noneMatch(RowSpec::control), order.toString());
        }
    }

    @Test
    void theRowATwinRepeatsKeepsAShuffledPlace() {
        Random random = new Random(3);
        int rowAtAnEnd = 0;
        for (int round = 0; round < 400; round++) {
            List<RowSpec> order = RoundOrder.of(leg(1), random);
            List<RowSpec> measured = order.stream().filter(r -> !r.control()).toList();
            int at = measured.indexOf(RowSpec.of(CLASS + "fileChannel", "ss", Map.of("blockSize", "8")));
            rowAtAnEnd += at == 0 || at == measured.size() - 1 ? 1 : 0;
        }
        // fileChannel is one of five shuffled rows: at one of the two ends 2 times in 5.
        assertNotEquals(0, rowAtAnEnd);
        assertTrue(rowAtAnEnd > 400 * 0.3 && rowAtAnEnd < 400 * 0.5, rowAtAnEnd + " of 400");
    }
}
