#!/usr/bin/python3
"""Reference vectors for storage-service's in-storage attention (run with Debian's /usr/bin/python3, numpy).

For each case: K and V of shape [len][kvHeads][headDim] rounded to the case's dtype (so Java stores them exactly),
one query [qHeads][headDim] and the expected out[h] = softmax(q_h . K_g^T / sqrt(D)) V_g with g = h // (qHeads //
kvHeads), computed in float64. Java appends the tokens in the listed chunks (page boundaries: the test store uses
512-byte pages, i.e. 8 tokens per page for f32 D=16 and 16 for f16/bf16 D=16).

Files: src/test/resources/kv-attention/cases.json and case-NN.bin (little-endian f32: K, V, q, expected).
    /usr/bin/python3 storage-service/scripts/kv_attention_reference.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "kv-attention")


def round_bf16(x):
    b = x.astype(np.float32).view(np.uint32).astype(np.uint64)
    b = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
    return (b.astype(np.uint32) << 16).view(np.float32)


def round_to(x, dtype):
    x = x.astype(np.float32)
    if dtype == "f16":
        return x.astype(np.float16).astype(np.float32)
    if dtype == "bf16":
        return round_bf16(x)
    return x


CASES = [
    # name, dtype, kvHeads, qHeads, headDim, chunks
    ("f32-mha-len1", "f32", 2, 2, 16, [1]),
    ("f32-gqa2-group-1", "f32", 2, 4, 16, [7]),
    ("f32-gqa4-group", "f32", 1, 4, 16, [8]),
    ("f32-gqa2-group+1", "f32", 4, 8, 16, [9]),
    ("f32-gqa3-many-appends", "f32", 2, 6, 16, [5, 3, 1, 1, 1, 1, 1, 20]),
    ("f16-gqa4-group-1", "f16", 2, 8, 16, [15]),
    ("f16-mha-group", "f16", 2, 2, 16, [16]),
    ("f16-gqa2-group+1", "f16", 2, 4, 16, [17]),
    ("f16-gqa2-decode", "f16", 2, 4, 16, [1] * 40),
    ("bf16-len1", "bf16", 1, 1, 16, [1]),
    ("bf16-gqa2", "bf16", 2, 4, 16, [16, 1]),
    ("bf16-gqa8-many", "bf16", 1, 8, 16, [33, 2, 7]),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261203)
    manifest = []
    for i, (name, dtype, h, hq, d, chunks) in enumerate(CASES):
        n = sum(chunks)
        k = round_to(rng.normal(0, 1.5, (n, h, d)), dtype)
        v = round_to(rng.normal(0, 1.0, (n, h, d)), dtype)
        q = rng.normal(0, 1.0, (hq, d)).astype(np.float32)
        group = hq // h
        out = np.zeros((hq, d), dtype=np.float64)
        for j in range(hq):
            g = j // group
            s = k[:, g, :].astype(np.float64) @ q[j].astype(np.float64) / np.sqrt(d)
            p = np.exp(s - s.max())
            p /= p.sum()
            out[j] = p @ v[:, g, :].astype(np.float64)
        f = "case-%02d.bin" % i
        with open(os.path.join(OUT, f), "wb") as fh:
            for a in (k, v, q, out.astype(np.float32)):
                fh.write(a.astype("<f4").tobytes())
        manifest.append({"name": name, "dtype": dtype, "kvHeads": h, "qHeads": hq, "headDim": d,
                         "chunks": chunks, "file": f})
    with open(os.path.join(OUT, "cases.json"), "w") as fh:
        json.dump({"generator": "storage-service/scripts/kv_attention_reference.py", "cases": manifest}, fh,
                  indent=1)


if __name__ == "__main__":
    main()
