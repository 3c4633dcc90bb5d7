#!/usr/bin/python3
"""PyTorch peer of training-service's 2-worker data-parallel loop: the benchmarks' "small" GPT-2 (n_layer 4,
n_head 4, n_embd 128, ctx 64, vocab 96, batch 16 per worker), 2 worker processes with 1 thread each, every step:
forward, loss, backward, gradient all-reduce (gloo, fp32, averaged), clip 1.0, AdamW (0.9, 0.95, wd 0.1).
Reports tokens/s over both workers (median step time after warm-up).
Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/python/train_2workers_torch.py
"""
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nn_gpt2_torch import GPT2  # noqa: E402

B, T, V, WORKERS, WARM, STEPS = 16, 64, 96, 2, 5, 30


def worker(rank, port, out):
    os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = "127.0.0.1", str(port)
    dist.init_process_group("gloo", rank=rank, world_size=WORKERS)
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = GPT2(V, 64, 128, 4, 4)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
    g = torch.Generator().manual_seed(rank + 1)
    x = torch.randint(0, V, (B, T), generator=g)
    y = torch.randint(0, V, (B, T), generator=g)
    times = []
    for s in range(WARM + STEPS):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x).reshape(-1, V), y.reshape(-1))
        loss.backward()
        grads = [p.grad for p in model.parameters()]
        flat = torch.cat([gr.reshape(-1) for gr in grads])  # one ring all-reduce of the whole gradient, as ours
        dist.all_reduce(flat)
        flat /= WORKERS
        off = 0
        for gr in grads:
            gr.copy_(flat[off:off + gr.numel()].view_as(gr))
            off += gr.numel()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if s >= WARM:
            times.append(time.perf_counter() - t0)
    times.sort()
    if rank == 0:
        med = times[len(times) // 2]
        out.put(med)
    dist.destroy_process_group()


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    ps = [ctx.Process(target=worker, args=(r, 29511, q)) for r in range(WORKERS)]
    for p in ps:
        p.start()
    med = q.get()
    for p in ps:
        p.join()
    print(f"torch {torch.__version__} {WORKERS} workers x 1 thread, data-parallel step median {med * 1e3:.2f} ms, "
          f"{WORKERS * B * T / med:.0f} tokens/s")
