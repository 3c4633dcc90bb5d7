package io.mlsyslab.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.decode.SamplingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's batch formation, admission and preemption, on plans alone (no model). */
class SchedulerTest {
    static final GenerationListener NOOP = new GenerationListener() {
        @Override
        public void onTokens(int choice, List<TokenOutput> tokens) {
        }

        @Override
        public void onFinish(int choice, String reason, String trailingText, int completionTokens) {
        }
    };

    static Sequence seq(int promptLen, long order) {
        GenerationRequest r = new GenerationRequest(new int[promptLen], 100, SamplingConfig.greedy(), 1, null, null,
                false, false);
        return new Sequence(new Sequence.RequestState(r, NOOP, 0), 0, order, new int[promptLen], null);
    }

    /** Applies a plan as the engine would after the batch ran: emitted sequences get their token. */
    static void complete(List<Chunk> plan) {
        for (Chunk c : plan) {
            if (c.emits()) {
                c.seq().emitPending = false;
                c.seq().tokens.add(1);
            }
            c.seq().releasePending = false;
        }
    }

    @Test
    void decodesFirstThenChunkedPrefillWithinTheTokenBudget() {
        PagedKvCache cache = new PagedKvCache(1, 8, 64, 4, 1, 1, 4);
        Scheduler s = new Scheduler(cache, new EngineConfig(8, 8, 8, 1, 4, 1, 1, 1));
        Sequence a = seq(3, 0), b = seq(2, 1);
        s.waiting.add(a);
        s.waiting.add(b);
        List<Chunk> first = s.plan();
        assertThat(first).extracting(c -> c.seq() == a ? "a" : "b", Chunk::start, Chunk::length, Chunk::emits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 0, 3, true),
                        org.assertj.core.groups.Tuple.tuple("b", 0, 2, true));
        complete(first);
        Sequence c = seq(20, 2);
        s.waiting.add(c);
        List<Chunk> second = s.plan();
        // two decodes (one row each), then 6 rows of c's prefill fill the budget of 8; c does not emit yet
        assertThat(second).extracting(Chunk::length).containsExactly(1, 1, 6);
        assertThat(second.get(0).decode()).isTrue();
        assertThat(second.get(2).emits()).isFalse();
        complete(second);
        List<Chunk> third = s.plan();
        assertThat(third).extracting(Chunk::length).containsExactly(1, 1, 6);
        assertThat(third.get(2).start()).isEqualTo(6);
    }

    @Test
    void aDecodeWithoutAFreePagePreemptsTheNewestSequence() {
        // 4 pages of 4 positions: a (prompt 4) and b (prompt 8) take 3 pages; c (prompt 3) would need the last one
        PagedKvCache cache = new PagedKvCache(1, 8, 4, 4, 1, 1, 4);
        Scheduler s = new Scheduler(cache, new EngineConfig(64, 8, 8, 1, 4, 1, 1, 1));
        Sequence a = seq(4, 0), b = seq(8, 1), c = seq(3, 2);
        s.waiting.add(a);
        s.waiting.add(b);
        s.waiting.add(c);
        List<Chunk> first = s.plan();
        assertThat(first).hasSize(2); // c waits: all pages are taken once a and b are in (watermark 1 page)
        complete(first);
        List<Chunk> second = s.plan();
        // a's decode at position 4 takes the last free page; b's decode at position 8 finds none, and b, the newest
        // running sequence, is preempted (its pages dropped, to be recomputed from its tokens)
        assertThat(second).extracting(Chunk::length).containsExactly(1);
        assertThat(second.getFirst().seq()).isSameAs(a);
        assertThat(s.preemptions).isEqualTo(1);
        assertThat(b.releasePending).isTrue();
        assertThat(b.state).isEqualTo(Sequence.State.WAITING);
        assertThat(b.computed).isZero();
        assertThat(s.waiting.peekFirst()).isSameAs(b);
        assertThat(a.state).isEqualTo(Sequence.State.RUNNING);
        // b (9 tokens = 3 pages) is readmitted only when its whole length fits the free pages above the watermark
        complete(second);
        assertThat(s.plan()).extracting(ch -> ch.seq() == a).containsExactly(true);
    }
}
