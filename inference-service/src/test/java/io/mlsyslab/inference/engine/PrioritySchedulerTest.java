package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.SamplingConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Priority scheduling (vLLM's {@code priority}: lower runs first), on plans alone (no model). */
class PrioritySchedulerTest {

    static Sequence seq(int promptLen, long order, int priority) {
        GenerationRequest r = new GenerationRequest(new int[promptLen], 100, SamplingConfig.greedy(), 1, null, null,
                false, false, LogitsProcessing.NONE, priority, null);
        return new Sequence(new Sequence.RequestState(r, SchedulerTest.NOOP, 0), 0, order, new int[promptLen], null);
    }

    /**
     * A scripted workload (8 sequences arriving over 5 rounds, 10 pages of 4 positions, so decodes preempt) run to
     * the end; the trace names each plan's chunks ({@code id:start+length}, {@code !} when it emits) and the
     * preemptions so far.
     */
    static String trace(int[] priorities) {
        PagedKvCache cache = new PagedKvCache(1, 4, 10, 4, 1, 1, 4);
        Scheduler s = new Scheduler(cache, new EngineConfig(12, 4, 64, 1, 4, 1, 1, 1));
        int[] prompts = {5, 9, 3, 7, 4, 6, 2, 8};
        int[] arrivalRound = {0, 0, 0, 0, 2, 3, 4, 5};
        int newTokens = 6;
        List<Sequence> seqs = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            seqs.add(seq(prompts[i], i, priorities[i]));
        }
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < prompts.length; i++) {
                if (arrivalRound[i] == round) {
                    s.waiting.add(seqs.get(i));
                }
            }
            List<Chunk> plan = s.plan();
            out.append('[');
            for (Chunk c : plan) {
                out.append(seqs.indexOf(c.seq())).append(':').append(c.start()).append('+').append(c.length())
                        .append(c.emits() ? "! " : " ");
            }
            out.append("p").append(s.preemptions).append("]\n");
            SchedulerTest.complete(plan);
            for (Sequence q : seqs) {
                if (q.state == Sequence.State.RUNNING && q.tokens.size() >= q.promptLen + newTokens) {
                    s.running.remove(q);
                    q.state = Sequence.State.FINISHED;
                }
            }
            if (seqs.stream().allMatch(q -> q.state == Sequence.State.FINISHED)) {
                return out.toString();
            }
        }
        throw new AssertionError("workload did not finish:\n" + out);
    }

    /** The trace of {@link #trace} as the FIFO scheduler (before priorities existed) planned it, recorded then. */
    static final String FIFO_TRACE = """
            [0:0+5! 1:0+7 p0]
            [0:5+1! 1:7+2! 2:0+3! 3:0+6 p0]
            [0:6+1! 1:9+1! 2:3+1! 3:6+1! p0]
            [0:7+1! 1:10+1! 2:4+1! 3:7+1! p0]
            [0:8+1! 1:11+1! 2:5+1! p1]
            [0:9+1! 1:12+1! 2:6+1! p1]
            [1:13+1! 2:7+1! 3:0+9! p1]
            [3:9+1! 4:0+4! 5:0+6! 6:0+1 p1]
            [3:10+1! 4:4+1! 5:6+1! 6:1+1! p1]
            [3:11+1! 4:5+1! 5:7+1! 6:2+1! p1]
            [4:6+1! 5:8+1! 6:3+1! 7:0+8! p1]
            [4:7+1! 5:9+1! 6:4+1! 7:8+1! p1]
            [4:8+1! 5:10+1! 6:5+1! p2]
            [6:6+1! 7:0+10! p2]
            [7:10+1! p2]
            [7:11+1! p2]
            [7:12+1! p2]
            """;

    @Test
    void equalPrioritiesGiveTheFifoSchedulersPlans() {
        assertThat(trace(new int[8])).isEqualTo(FIFO_TRACE);
        assertThat(trace(new int[]{3, 3, 3, 3, 3, 3, 3, 3})).isEqualTo(FIFO_TRACE);
        assertThat(FIFO_TRACE).contains("p2"); // the workload does preempt
    }
}
