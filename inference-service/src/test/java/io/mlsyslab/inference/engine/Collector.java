package io.mlsyslab.inference.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Collects a request's output for tests. */
class Collector implements GenerationListener {
    final List<List<TokenOutput>> tokens = new ArrayList<>();
    final String[] reasons;
    final StringBuilder[] text;
    final CountDownLatch done;
    volatile RuntimeException error;

    Collector(int n) {
        reasons = new String[n];
        text = new StringBuilder[n];
        for (int i = 0; i < n; i++) {
            tokens.add(new ArrayList<>());
            text[i] = new StringBuilder();
        }
        done = new CountDownLatch(n);
    }

    @Override
    public synchronized void onTokens(int choice, List<TokenOutput> out) {
        tokens.get(choice).addAll(out);
        for (TokenOutput t : out) {
            text[choice].append(t.text());
        }
    }

    @Override
    public synchronized void onFinish(int choice, String reason, String trailingText, int completionTokens) {
        reasons[choice] = reason;
        text[choice].append(trailingText);
        done.countDown();
    }

    @Override
    public void onError(RuntimeException e) {
        error = e;
        while (done.getCount() > 0) {
            done.countDown();
        }
    }

    Collector await() throws InterruptedException {
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("request did not finish");
        }
        if (error != null) {
            throw error;
        }
        return this;
    }

    synchronized int[] generated(int choice) {
        return tokens.get(choice).stream().filter(t -> !t.prompt()).mapToInt(TokenOutput::token).toArray();
    }
}
