#!/usr/bin/python3
"""PyTorch peer of TrainStepBenchmark: one training step (forward, loss, backward, clip 1.0, AdamW) of the "small"
GPT-2 (n_layer 4, n_head 4, n_embd 128, ctx 64, vocab 96, batch 16) on CPU with a fixed thread count.
Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/python/nn_train_step_torch.py 1
"""
import math
import sys
import time

import torch

from nn_gpt2_torch import GPT2

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(0)
B, T, V = 16, 64, 96
model = GPT2(V, 64, 128, 4, 4)
opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
x = torch.randint(0, V, (B, T))
y = torch.randint(0, V, (B, T))


def step():
    opt.zero_grad(set_to_none=True)
    loss = torch.nn.functional.cross_entropy(model(x).reshape(-1, V), y.reshape(-1))
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()


for _ in range(5):
    step()
times = []
for _ in range(20):
    t0 = time.perf_counter()
    step()
    times.append(time.perf_counter() - t0)
times.sort()
med = times[len(times) // 2]
print(f"torch {torch.__version__} threads={threads} train step median {med * 1e3:.2f} ms, best {times[0] * 1e3:.2f} ms,"
      f" {B * T / med:.0f} tokens/s (median)")
