"""Minimal GPT-2 (HF semantics: Conv1D-equivalent linears, tanh GELU, tied head) shared by the PyTorch peers."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, nh):
        super().__init__()
        self.nh = nh
        self.ln_1, self.ln_2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.c_attn, self.c_proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.c_fc, self.mlp_proj = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

    def qkv(self, x):
        b, t, d = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(d, dim=2)
        return [z.view(b, t, self.nh, d // self.nh).transpose(1, 2) for z in (q, k, v)]

    def rest(self, x, y):
        b, t, d = x.shape
        x = x + self.c_proj(y.transpose(1, 2).reshape(b, t, d))
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))

    def forward(self, x, mask):
        q, k, v = self.qkv(x)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        return self.rest(x, att @ v)

    def step(self, x, cache):
        """x: [B, 1, d]; cache: (k, v) [B, nh, t, hd] or None. Returns new x and cache."""
        q, k, v = self.qkv(x)
        if cache is not None:
            k, v = torch.cat([cache[0], k], 2), torch.cat([cache[1], v], 2)
        att = ((q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])).softmax(-1)
        return self.rest(x, att @ v), (k, v)


class GPT2(nn.Module):
    def __init__(self, vocab, n_pos, d, n_layer, nh):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(n_pos, d)
        self.h = nn.ModuleList(Block(d, nh) for _ in range(n_layer))
        self.ln_f = nn.LayerNorm(d)
        for p in self.parameters():
            if p.dim() >= 2:
                nn.init.normal_(p, std=0.02)

    def forward(self, idx):
        t = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(t))
        mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
        for blk in self.h:
            x = blk(x, mask)
        return self.ln_f(x) @ self.wte.weight.t()

    @torch.no_grad()
    def generate(self, prompt, new_tokens):
        """Greedy decoding with a KV cache: prefill the prompt, then one token per step."""
        b, t = prompt.shape
        x = self.wte(prompt) + self.wpe(torch.arange(t))
        mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
        caches = []
        for blk in self.h:
            q, k, v = blk.qkv(x)
            att = ((q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])).masked_fill(~mask, float("-inf")).softmax(-1)
            x = blk.rest(x, att @ v)
            caches.append((k, v))
        tok = (self.ln_f(x[:, -1:]) @ self.wte.weight.t()).argmax(-1)
        out = [tok]
        for pos in range(t, t + new_tokens - 1):
            x = self.wte(tok) + self.wpe.weight[pos]
            for i, blk in enumerate(self.h):
                x, caches[i] = blk.step(x, caches[i])
            tok = (self.ln_f(x) @ self.wte.weight.t()).argmax(-1)
            out.append(tok)
        return torch.cat(out, 1)
