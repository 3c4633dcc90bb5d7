#!/usr/bin/python3
"""PyTorch peer of DecodeBenchmark: greedy generation with a KV cache, "small" GPT-2 with 80 positions,
prompt 16, 64 new tokens, batch 1/8/32, fixed thread count.
Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/python/nn_decode_torch.py 1
"""
import sys
import time

import torch

from nn_gpt2_torch import GPT2

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)
PROMPT, NEW, V = 16, 64, 96
model = GPT2(V, PROMPT + NEW, 128, 4, 4).eval()
for batch in (1, 8, 32):
    prompt = torch.randint(0, V, (batch, PROMPT))
    for _ in range(3):
        model.generate(prompt, NEW)
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        model.generate(prompt, NEW)
        times.append(time.perf_counter() - t0)
    times.sort()
    med = times[len(times) // 2]
    print(f"torch {torch.__version__} threads={threads} decode batch={batch} median {med * 1e3:.1f} ms,"
          f" {batch * NEW / med:.0f} tokens/s")
