package io.mlsyslab.inference.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Continuous batching in the vLLM/Sarathi manner. Each plan takes running decodes first (one row each), then
 * continues chunked prefills, then admits waiting sequences, all within {@code maxBatchedTokens} rows. KV pages are
 * counted as the plan goes; when a decode needs a page and none is free, the last running sequence is preempted
 * (its KV dropped, recomputed later from its tokens). A waiting sequence is admitted only when its whole current
 * length fits in the free pages above a 1% watermark.
 *
 * <p><b>Priority</b> (vLLM's {@code priority}, lower first): waiting sequences are admitted by priority, then
 * arrival ({@link WaitingQueue}); running sequences are kept ordered by priority, then admission, so decodes are
 * planned in that order and the last one, which preemption takes, is the one of the highest priority value admitted
 * most recently. Taking victims from the end also keeps them among the sequences this plan has not scheduled yet.
 * With equal priorities both orders are the FIFO scheduler's.
 *
 * <p>Plans are formed while the previous batch runs, so they are virtual: a plan counts the pages every running
 * sequence will hold ({@code pagesHeld}), and the engine materialises it after the running batch is done: first
 * the preempted sequences' pages are released, then the plan's pages allocated, which always succeeds because the
 * running sequences never hold more than the pool.
 *
 * <p><b>Prefix sharing</b> ({@code n} &gt; 1): the other choices of a request wait until the first choice's prompt
 * KV (all but the last prompt position) exists, then are admitted with those positions counted as computed; the
 * engine copies the KV pages at materialisation, and each choice computes only its last prompt position (its own
 * first-token logits).
 */
final class Scheduler {
    private final PagedKvCache cache;
    private final EngineConfig config;
    final WaitingQueue waiting = new WaitingQueue();
    final List<Sequence> running = new ArrayList<>();
    private final int watermark;
    private long round;
    long preemptions;

    Scheduler(PagedKvCache cache, EngineConfig config) {
        this.cache = cache;
        this.config = config;
        this.watermark = Math.max(1, cache.totalPages() / 100);
    }

    /** Forms the next iteration's chunks and updates the sequences' planned state. */
    List<Chunk> plan() {
        round++;
        int budget = config.maxBatchedTokens();
        int free = cache.totalPages();
        for (Sequence s : running) {
            free -= s.pagesHeld;
        }
        for (Sequence s : running) {
            s.ready = s.computed;
        }
        List<Chunk> chunks = new ArrayList<>();
        // 1. running decodes by priority, oldest first; preempt the last when a page is missing
        for (int i = 0; i < running.size() && budget > 0; i++) {
            Sequence s = running.get(i);
            if (!s.decoding()) {
                continue;
            }
            int need = cache.pagesFor(s.computed + 1) - s.pagesHeld;
            while (need > free && running.size() > i + 1) {
                free += preempt(running.get(running.size() - 1));
            }
            if (need > free) {
                free += preempt(s);
                i--;
                continue;
            }
            free -= need;
            chunks.add(schedule(s, 1));
            budget--;
        }
        // 2. chunked prefills already running
        for (Sequence s : running) {
            if (budget <= 0) {
                break;
            }
            if (s.decoding() || s.target() <= s.computed || contains(chunks, s)) {
                continue;
            }
            int len = fit(s, Math.min(budget, s.target() - s.computed), free);
            if (len <= 0) {
                continue;
            }
            free -= cache.pagesFor(s.computed + len) - s.pagesHeld;
            chunks.add(schedule(s, len));
            budget -= len;
        }
        // 3. admission
        while (budget > 0 && !waiting.isEmpty() && running.size() < config.maxRunning()) {
            Sequence s = waiting.peekFirst();
            if (s.preemptedInRound == round || s.emitPending) {
                break;
            }
            if (cache.pagesFor(s.target()) > free - watermark) {
                break;
            }
            if (s.shareSource != null && s.computed == 0) {
                Sequence src = s.shareSource;
                int shared = s.promptLen - 1;
                if (src.state == Sequence.State.RUNNING && src.ready >= shared) {
                    s.computed = shared; // copied from the source at materialisation instead of prefilled
                    s.copyPending = shared;
                } else if (src.state == Sequence.State.RUNNING) {
                    break; // the source's prompt prefill is still under way: wait for it (FIFO)
                } else {
                    s.shareSource = null; // the source finished or was preempted: prefill normally
                }
            }
            waiting.pollFirst();
            s.state = Sequence.State.RUNNING;
            addRunning(s);
            int len = Math.min(budget, s.target() - s.computed);
            free -= cache.pagesFor(s.computed + len) - s.pagesHeld;
            chunks.add(schedule(s, len));
            budget -= len;
        }
        return chunks;
    }

    /** Keeps {@link #running} ordered by priority, then admission: the newcomer goes behind its equals. */
    private void addRunning(Sequence s) {
        int at = running.size();
        while (at > 0 && WaitingQueue.priority(running.get(at - 1)) > WaitingQueue.priority(s)) {
            at--;
        }
        running.add(at, s);
    }

    private Chunk schedule(Sequence s, int len) {
        int start = s.computed;
        s.computed += len;
        s.pagesHeld = Math.max(s.pagesHeld, cache.pagesFor(s.computed));
        boolean emits = s.computed == s.target();
        if (emits) {
            s.emitPending = true;
        }
        boolean emitAll = s.request.request.echo() && s.request.request.logprobs() != null
                && s.promptLogprobsDone < s.promptLen - 1 && start < s.promptLen - 1;
        return new Chunk(s, start, len, emits, emitAll);
    }

    private int fit(Sequence s, int want, int free) {
        int maxPositions = (s.pagesHeld + free) * cache.pageSize();
        return Math.min(want, maxPositions - s.computed);
    }

    private int preempt(Sequence s) {
        int pages = s.pagesHeld;
        s.shareSource = null;
        s.copyPending = 0;
        s.ready = 0; // its KV is dropped: a sibling must not copy from it if it is readmitted in this plan
        running.remove(s);
        s.state = Sequence.State.WAITING;
        s.computed = 0;
        s.pagesHeld = 0;
        s.releasePending = true;
        s.preemptedInRound = round;
        waiting.addPreempted(s);
        preemptions++;
        return pages;
    }

    private static boolean contains(List<Chunk> chunks, Sequence s) {
        for (Chunk c : chunks) {
            if (c.seq() == s) {
                return true;
            }
        }
        return false;
    }
}
