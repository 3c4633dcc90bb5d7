#!/usr/bin/python3
"""PyTorch reference vectors for nn-core's GPT-2 (run with Debian's /usr/bin/python3 and python3-torch 1.13).

For each config this builds a GPT-2 with Hugging Face tensor names and Conv1D [in, out] weights from a fixed
seed, then writes to nn-core/src/test/resources/gpt2-vectors/<name>/:
  config.json              HF config keys
  model.safetensors        F32 weights (HF names, no prefix)
  model-f16.safetensors,   the same weights narrowed by torch (.half(), .bfloat16()) -- only with --half
  model-bf16.safetensors
  expected.safetensors     logits [B,T,V] of the batch, the loss, grad.<name> for every parameter,
                           adamw3.<name>: parameters after 3 AdamW steps (clip 1.0, warmup+cosine lr)
  expected.json            tokens, targets, loss, per-step losses / grad norms / lrs, greedy prompt and 32 tokens

The reference math runs in float64 (then stored as f32) so it is closer to the truth than either float32 engine.
Weights use a larger spread than GPT-2's init (std 0.15, LayerNorm gains around 1, non-zero biases) so that
every parameter visibly affects the output and attention is far from uniform.
Usage: /usr/bin/python3 nn-core/scripts/gpt2_reference.py   (from the repository root)
"""
import json
import math
import os
import struct
import sys

import torch

CONFIGS = {
    # n_embd 32 is a multiple of the 16-float AVX-512 vector; 36 is not (and head_dim 12 is not either).
    "tiny32": dict(vocab_size=64, n_positions=48, n_embd=32, n_layer=2, n_head=4, batch=2, seq=16, seed=1234,
                   half=False),
    "tiny36": dict(vocab_size=50, n_positions=40, n_embd=36, n_layer=2, n_head=3, batch=3, seq=11, seed=99,
                   half=True),
}
EPS = 1e-5
ADAM = dict(betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1)
SCHEDULE = dict(max_lr=1e-2, min_lr=1e-3, warmup=2, total=10)
CLIP = 1.0
PROMPT_LEN, GREEDY_TOKENS = 4, 32


def names(cfg):
    out = [("wte.weight", (cfg["vocab_size"], cfg["n_embd"])), ("wpe.weight", (cfg["n_positions"], cfg["n_embd"]))]
    d = cfg["n_embd"]
    for i in range(cfg["n_layer"]):
        p = f"h.{i}."
        out += [(p + "ln_1.weight", (d,)), (p + "ln_1.bias", (d,)),
                (p + "attn.c_attn.weight", (d, 3 * d)), (p + "attn.c_attn.bias", (3 * d,)),
                (p + "attn.c_proj.weight", (d, d)), (p + "attn.c_proj.bias", (d,)),
                (p + "ln_2.weight", (d,)), (p + "ln_2.bias", (d,)),
                (p + "mlp.c_fc.weight", (d, 4 * d)), (p + "mlp.c_fc.bias", (4 * d,)),
                (p + "mlp.c_proj.weight", (4 * d, d)), (p + "mlp.c_proj.bias", (d,))]
    return out + [("ln_f.weight", (d,)), ("ln_f.bias", (d,))]


def init_params(cfg, gen):
    params = {}
    for name, shape in names(cfg):
        if "ln_" in name and name.endswith(".weight"):
            t = 1.0 + 0.1 * torch.randn(shape, generator=gen, dtype=torch.float64)
        elif name.endswith(".bias"):
            t = 0.05 * torch.randn(shape, generator=gen, dtype=torch.float64)
        else:
            t = 0.15 * torch.randn(shape, generator=gen, dtype=torch.float64)
        # round to f32 first: the committed F32 weights are the exact starting point of both engines
        params[name] = t.float().double().requires_grad_(True)
    return params


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def forward(cfg, p, idx):
    b, t = idx.shape
    d, nh = cfg["n_embd"], cfg["n_head"]
    hd = d // nh
    x = p["wte.weight"][idx] + p["wpe.weight"][:t]
    mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
    for i in range(cfg["n_layer"]):
        q = f"h.{i}."
        h = torch.nn.functional.layer_norm(x, (d,), p[q + "ln_1.weight"], p[q + "ln_1.bias"], EPS)
        qkv = h @ p[q + "attn.c_attn.weight"] + p[q + "attn.c_attn.bias"]
        qq, kk, vv = qkv.split(d, dim=2)
        qq = qq.view(b, t, nh, hd).transpose(1, 2)
        kk = kk.view(b, t, nh, hd).transpose(1, 2)
        vv = vv.view(b, t, nh, hd).transpose(1, 2)
        att = (qq @ kk.transpose(-2, -1)) / math.sqrt(hd)
        att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
        y = (att @ vv).transpose(1, 2).reshape(b, t, d)
        x = x + y @ p[q + "attn.c_proj.weight"] + p[q + "attn.c_proj.bias"]
        h = torch.nn.functional.layer_norm(x, (d,), p[q + "ln_2.weight"], p[q + "ln_2.bias"], EPS)
        f = gelu_tanh(h @ p[q + "mlp.c_fc.weight"] + p[q + "mlp.c_fc.bias"])
        x = x + f @ p[q + "mlp.c_proj.weight"] + p[q + "mlp.c_proj.bias"]
    x = torch.nn.functional.layer_norm(x, (d,), p["ln_f.weight"], p["ln_f.bias"], EPS)
    return x @ p["wte.weight"].t()


def lr_at(step):
    s = SCHEDULE
    if step < s["warmup"]:
        return s["max_lr"] * (step + 1) / s["warmup"]
    progress = (step - s["warmup"]) / (s["total"] - s["warmup"])
    return s["min_lr"] + 0.5 * (1 + math.cos(math.pi * progress)) * (s["max_lr"] - s["min_lr"])


def write_safetensors(path, tensors, dtype="F32"):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        if dtype == "F32":
            data = t.float().numpy().astype("<f4").tobytes()
        elif dtype == "F16":
            data = t.half().view(torch.int16).numpy().astype("<i2").tobytes()
        else:
            data = t.float().bfloat16().view(torch.int16).numpy().astype("<i2").tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for blob in blobs:
            f.write(blob)


def adamw3(cfg, p, tokens, targets, dtype):
    """Three AdamW steps on the same batch (clip, warmup+cosine lr), as nn-core's trainer does them."""
    v = cfg["vocab_size"]
    p2 = {k: x.detach().clone().to(dtype).requires_grad_(True) for k, x in p.items()}
    decay = [p2[k] for k, _ in names(cfg) if p2[k].dim() >= 2]
    no_decay = [p2[k] for k, _ in names(cfg) if p2[k].dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": ADAM["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}],
                            lr=SCHEDULE["max_lr"], betas=ADAM["betas"], eps=ADAM["eps"])
    losses, norms, lrs = [], [], []
    for step in range(3):
        opt.zero_grad()
        l = torch.nn.functional.cross_entropy(forward(cfg, p2, tokens).reshape(-1, v), targets.reshape(-1))
        l.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(list(p2.values()), CLIP)))
        lr = lr_at(step)
        for g in opt.param_groups:
            g["lr"] = lr
        opt.step()
        losses.append(float(l))
        lrs.append(lr)
    return p2, losses, norms, lrs


def make(name, cfg, root):
    out = os.path.join(root, name)
    os.makedirs(out, exist_ok=True)
    gen = torch.Generator().manual_seed(cfg["seed"])
    p = init_params(cfg, gen)
    b, t, v = cfg["batch"], cfg["seq"], cfg["vocab_size"]
    data = torch.randint(0, v, (b, t + 1), generator=gen)
    tokens, targets = data[:, :t], data[:, 1:]

    hf = {k: cfg[k] for k in ("vocab_size", "n_positions", "n_embd", "n_layer", "n_head")}
    hf.update(model_type="gpt2", layer_norm_epsilon=EPS, n_ctx=cfg["n_positions"])
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(hf, f, indent=2)
    write_safetensors(os.path.join(out, "model.safetensors"), p)
    if cfg["half"]:
        write_safetensors(os.path.join(out, "model-f16.safetensors"), p, "F16")
        write_safetensors(os.path.join(out, "model-bf16.safetensors"), p, "BF16")

    logits = forward(cfg, p, tokens)
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, v), targets.reshape(-1))
    loss.backward()
    expected = {"logits": logits.detach(), "loss": loss.detach().reshape(1)}
    for n_, _ in names(cfg):
        expected["grad." + n_] = p[n_].grad.detach().clone()

    # three AdamW steps on the same batch, as nn-core's trainer does them
    p2, losses, norms, lrs = adamw3(cfg, p, tokens, targets, torch.float64)
    for n_, _ in names(cfg):
        expected["adamw3." + n_] = p2[n_].detach()
    write_safetensors(os.path.join(out, "expected.safetensors"), expected)
    # The same three steps in float32 measure how ill-conditioned they are: where a gradient is tiny next to its
    # rounding noise (e.g. the key bias, whose exact gradient is 0), Adam's normalisation amplifies the noise.
    p32, _, _, _ = adamw3(cfg, p, tokens, targets, torch.float32)
    f32_err = {}
    for n_, _ in names(cfg):
        ref = p2[n_].detach()
        f32_err[n_] = float((p32[n_].detach().double() - ref).abs().max() / ref.abs().max())

    # greedy generation, recomputing the whole prefix each step (no cache), checking arg-max margins
    prompt = torch.randint(0, v, (1, PROMPT_LEN), generator=gen)
    seq, min_margin = prompt.clone(), float("inf")
    with torch.no_grad():
        for _ in range(GREEDY_TOKENS):
            last = forward(cfg, p, seq)[0, -1]
            top2 = torch.topk(last, 2).values
            min_margin = min(min_margin, float(top2[0] - top2[1]))
            seq = torch.cat([seq, last.argmax().view(1, 1)], dim=1)
    if min_margin < 1e-3:
        sys.exit(f"{name}: greedy arg-max margin {min_margin} too small to be a fair test; change the seed")
    info = {"tokens": tokens.flatten().tolist(), "targets": targets.flatten().tolist(), "batch": b, "seq": t,
            "loss": float(loss), "adamw": {**ADAM, "betas": list(ADAM["betas"])}, "schedule": SCHEDULE,
            "clip": CLIP, "adamw_losses": losses, "adamw_grad_norms": norms, "adamw_lrs": lrs,
            "greedy_prompt": prompt.flatten().tolist(), "greedy_tokens": seq[0, PROMPT_LEN:].tolist(),
            "greedy_min_margin": min_margin, "adamw3_torch_f32_normwise_err": f32_err, "torch": torch.__version__}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(f"{name}: loss {float(loss):.6f}, adamw losses {losses}, greedy margin {min_margin:.4g}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..", "src", "test", "resources", "gpt2-vectors")
    for n, c in CONFIGS.items():
        make(n, c, root)
