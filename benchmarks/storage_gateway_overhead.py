#!/usr/bin/env python3
"""Per-request overhead of storage-service's batched attention endpoint through the gateway (issue 8, item 7).

Against a running lab (`./lab up`): creates `--sequences` small f16 sequences through the gateway, then for each
batch size sends the same `POST /kv/attention?layer=0` body (KVB1 framing, storage-service/docs/kv-api.md) to the
storage service directly and through the gateway, interleaved A/B, and prints the median and p90 latency of each
path and their difference (the gateway's per-request overhead) per batch size. Deletes its sequences at the end.
Standard library only. See benchmarks/STORAGE-BENCHMARKS.md for the command and how to read the output.
"""
import argparse
import os
import statistics
import struct
import time
import urllib.request
import uuid


def request(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return resp.status, resp.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gateway", default="http://127.0.0.1:8080")
    ap.add_argument("--direct", default="http://127.0.0.1:8081", help="storage-service itself (STORAGE_PORT)")
    ap.add_argument("--key-file", default=os.path.expanduser("~/.mlsys-lab/api-key"))
    ap.add_argument("--sequences", type=int, default=256)
    ap.add_argument("--tokens", type=int, default=64, help="tokens stored per sequence")
    ap.add_argument("--rounds", type=int, default=200, help="requests per path and batch size")
    ap.add_argument("--batches", default="1,8,64,256")
    a = ap.parse_args()
    key = open(a.key_file).read().strip()
    auth = {"Authorization": "Bearer " + key}
    kv_heads, head_dim, q_heads = 2, 64, 8
    gw = a.gateway.rstrip("/") + "/api/storage/kv"
    direct = a.direct.rstrip("/") + "/api/storage/kv"  # the service serves under the same prefix

    ids = []
    row = struct.pack("<%de" % (a.tokens * kv_heads * head_dim), *([0.5] * (a.tokens * kv_heads * head_dim)))
    try:
        for _ in range(a.sequences):
            _, body = request("POST", gw + "/sequences",
                              b'{"layers":1,"kvHeads":%d,"headDim":%d,"dtype":"f16"}' % (kv_heads, head_dim),
                              {**auth, "Content-Type": "application/json"})
            sid = body.decode().split('"id":"')[1].split('"')[0]
            ids.append(uuid.UUID(sid))
            request("POST", "%s/sequences/%s/append?tokens=%d" % (gw, sid, a.tokens), row + row,
                    {**auth, "Content-Type": "application/octet-stream"})
        q = struct.pack("<%df" % (q_heads * head_dim), *([0.1] * (q_heads * head_dim)))
        print("batch  direct_median_ms  direct_p90_ms  gateway_median_ms  gateway_p90_ms  overhead_median_ms")
        for batch in [int(b) for b in a.batches.split(",")]:
            items = b"".join(struct.pack("<qqiI", *split(ids[i % len(ids)]), -1, q_heads * head_dim) + q
                             for i in range(batch))
            body = struct.pack("<II", 0x3142564B, batch) + items
            heads = {"Content-Type": "application/octet-stream"}
            times = {"direct": [], "gateway": []}
            for r in range(a.rounds + 10):  # 10 warm-up rounds, A/B interleaved
                for path, url, h in (("direct", direct, {**heads, **auth}), ("gateway", gw, {**heads, **auth})):
                    t0 = time.perf_counter()
                    status, out = request("POST", url + "/attention?layer=0", body, h)
                    dt = time.perf_counter() - t0
                    assert status == 200 and out[:4] == struct.pack("<I", 0x3152564B), (path, status)
                    if r >= 10:
                        times[path].append(dt * 1e3)
            d, g = times["direct"], times["gateway"]
            p90 = lambda x: statistics.quantiles(x, n=10)[-1]
            print("%5d  %16.3f  %13.3f  %17.3f  %14.3f  %18.3f" % (
                batch, statistics.median(d), p90(d), statistics.median(g), p90(g),
                statistics.median(g) - statistics.median(d)))
    finally:
        for sid in ids:
            try:
                request("DELETE", "%s/sequences/%s" % (gw, sid), None, auth)
            except Exception as e:  # keep deleting the others
                print("delete", sid, e)


def split(u):
    v = u.int
    msb, lsb = v >> 64, v & ((1 << 64) - 1)
    return struct.unpack("<qq", struct.pack("<QQ", msb, lsb))


if __name__ == "__main__":
    main()
