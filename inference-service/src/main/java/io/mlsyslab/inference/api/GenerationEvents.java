package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.GenerationListener;
import io.mlsyslab.inference.engine.TokenOutput;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The output of all prompts of one API call as one queue of events (the engine thread only enqueues); choice
 * indexes are global ({@code prompt * n + choice}, as OpenAI numbers them).
 */
final class GenerationEvents {
    record Event(int index, List<TokenOutput> tokens, String finishReason, String trailing, RuntimeException error) {
    }

    final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

    GenerationListener listener(int base) {
        return new GenerationListener() {
            @Override
            public void onTokens(int choice, List<TokenOutput> tokens) {
                queue.add(new Event(base + choice, tokens, null, null, null));
            }

            @Override
            public void onFinish(int choice, String reason, String trailingText, int completionTokens) {
                queue.add(new Event(base + choice, List.of(), reason, trailingText, null));
            }

            @Override
            public void onError(RuntimeException e) {
                queue.add(new Event(base, List.of(), null, null, e));
            }
        };
    }
}
