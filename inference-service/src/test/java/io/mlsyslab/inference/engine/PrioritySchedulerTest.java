package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.SamplingConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.GptConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aLowValueArrivingLastIsAdmittedFirstWhenASlotFrees() {
        PagedKvCache cache = new PagedKvCache(1, 8, 64, 4, 1, 1, 4);
        Scheduler s = new Scheduler(cache, new EngineConfig(64, 2, 8, 1, 4, 1, 1, 1));
        Sequence a = seq(3, 0, 5), b = seq(3, 1, 5);
        s.waiting.add(a);
        s.waiting.add(b);
        SchedulerTest.complete(s.plan()); // the engine is full: two slots
        List<Sequence> low = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            low.add(seq(3, 2 + i, 5));
            s.waiting.add(low.getLast());
        }
        Sequence urgent = seq(3, 7, 0);
        s.waiting.add(urgent);
        SchedulerTest.complete(s.plan());
        assertThat(urgent.state).as("no slot free yet").isEqualTo(Sequence.State.WAITING);
        s.running.remove(a);
        a.state = Sequence.State.FINISHED;
        List<Chunk> plan = s.plan();
        assertThat(plan).extracting(Chunk::seq).containsExactly(b, urgent);
        assertThat(low).allMatch(q -> q.state == Sequence.State.WAITING);
        assertThat(s.waiting.peekFirst()).isSameAs(low.getFirst()); // the rest keep their arrival order
    }

    @Test
    void preemptionTakesTheHighestValueNewestFirstAndAdmitsBackByPriority() {
        // 5 pages of 4 positions; each sequence's prompt of 4 fills one page, so the first decode needs a new page
        PagedKvCache cache = new PagedKvCache(1, 8, 5, 4, 1, 1, 4);
        Scheduler s = new Scheduler(cache, new EngineConfig(64, 8, 8, 1, 4, 1, 1, 1));
        Sequence p0 = seq(4, 0, 0), p9 = seq(4, 1, 9), p1 = seq(4, 2, 1), p9b = seq(4, 3, 9);
        for (Sequence q : List.of(p0, p9, p1, p9b)) {
            s.waiting.add(q);
        }
        SchedulerTest.complete(s.plan());
        assertThat(s.running).as("running, by priority then admission").containsExactly(p0, p1, p9, p9b);
        // 1 page free, 4 decodes need one each: the priority-9 sequences go, the newest admitted first
        List<Chunk> plan = s.plan();
        assertThat(plan).extracting(Chunk::seq).containsExactly(p0, p1);
        assertThat(s.preemptions).isEqualTo(2);
        assertThat(s.waiting).containsExactly(p9, p9b);
        // a later arrival of a lower value is admitted ahead of the preempted ones
        Sequence p5 = seq(2, 4, 5);
        s.waiting.add(p5);
        assertThat(s.waiting).containsExactly(p5, p9, p9b);
    }

    @Test
    void anEngineAdmitsAnUrgentRequestBeforeEarlierLowPriorityOnes() throws Exception {
        Gpt2Model model = Gpt2Model.initialize(new GptConfig(64, 64, 16, 1, 2, 1e-5f), 3);
        List<String> finishOrder = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(1), submitted = new CountDownLatch(1);
        try (InferenceEngine engine = new InferenceEngine(model, null, -1,
                new EngineConfig(64, 1, 64, 1 << 20, 4, 1, 1, 1), null, null)) {
            // the first request's first token holds the engine thread until every other request is queued, so the
            // rest wait behind its full slot whatever the timing
            Collector first = new Collector(1) {
                @Override
                public void onTokens(int choice, List<TokenOutput> out) {
                    running.countDown();
                    awaitLatch(submitted);
                    super.onTokens(choice, out);
                }

                @Override
                public synchronized void onFinish(int choice, String reason, String trailing, int tokens) {
                    finishOrder.add("first");
                    super.onFinish(choice, reason, trailing, tokens);
                }
            };
            engine.submit(request(9), first);
            awaitLatch(running);
            List<Collector> all = new ArrayList<>(List.of(first));
            for (int i = 0; i < 4; i++) {
                all.add(recording(engine, request(9), "low" + i, finishOrder));
            }
            all.add(recording(engine, request(0), "urgent", finishOrder));
            submitted.countDown();
            for (Collector c : all) {
                c.await();
            }
        }
        assertThat(finishOrder).containsExactly("first", "urgent", "low0", "low1", "low2", "low3");
    }

    private static GenerationRequest request(int priority) {
        return new GenerationRequest(new int[]{1, 2, 3}, 4, SamplingConfig.greedy(), 1, null, null, false, true,
                LogitsProcessing.NONE, priority, null);
    }

    private static Collector recording(InferenceEngine engine, GenerationRequest r, String name, List<String> order) {
        Collector c = new Collector(1) {
            @Override
            public synchronized void onFinish(int choice, String reason, String trailing, int tokens) {
                order.add(name);
                super.onFinish(choice, reason, trailing, tokens);
            }
        };
        engine.submit(r, c);
        return c;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("requests were not submitted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
