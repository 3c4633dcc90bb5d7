#!/usr/bin/python3
"""Tiny GPT-2-style BPE vocabulary + expected encodings for nn-core's Gpt2BpeTokenizer tests.

Learns 80 merges on a short text, writes vocab.json (256 byte symbols + merges) and merges.txt in the GPT-2 file
formats, then encodes test sentences with an independent transcription of OpenAI's encoder.py (bytes_to_unicode,
get_pairs, lowest-rank-first merging). Debian's python has no `regex` module, so the pre-tokenisation pattern is
written with `re` classes that agree with \\p{L}/\\p{N} on the test sentences (ASCII, Latin-1 letters, digits).
Usage: /usr/bin/python3 nn-core/scripts/bpe_reference.py   (from the repository root)
"""
import collections
import json
import os
import re

TEXT = ("In the beginning God created the heaven and the earth. And the earth was without form, and void; "
        "and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters. "
        "And God said, Let there be light: and there was light. It's 2024 and they'll say we've seen 12 lights.")
TESTS = ["And God said, Let there be light.", "the the the  earth\n\nwas", "It's 42 o'clock -- they'll see!",
         "caf\u00e9 na\u00efve \u00fcber", "   leading spaces", "unknownwords zzz qq"]
PAT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + \
        list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


B2U = bytes_to_unicode()


def words(text):
    return ["".join(B2U[b] for b in tok.encode("utf-8")) for tok in PAT.findall(text)]


def learn(text, n_merges):
    counts = collections.Counter(tuple(w) for w in words(text))
    merges = []
    for _ in range(n_merges):
        pairs = collections.Counter()
        for w, c in counts.items():
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = max(sorted(pairs), key=lambda p: pairs[p])
        merges.append(best)
        new = collections.Counter()
        for w, c in counts.items():
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new[tuple(out)] += c
        counts = new
    return merges


def get_pairs(word):
    return {(a, b) for a, b in zip(word, word[1:])}


def bpe(token, ranks):
    word = tuple(token)
    pairs = get_pairs(word)
    while pairs:
        bigram = min(pairs, key=lambda p: ranks.get(p, float("inf")))
        if bigram not in ranks:
            break
        first, second = bigram
        new_word, i = [], 0
        while i < len(word):
            try:
                j = word.index(first, i)
                new_word.extend(word[i:j])
                i = j
            except ValueError:
                new_word.extend(word[i:])
                break
            if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                new_word.append(first + second)
                i += 2
            else:
                new_word.append(word[i])
                i += 1
        word = tuple(new_word)
        if len(word) == 1:
            break
        pairs = get_pairs(word)
    return word


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "bpe-tiny")
    os.makedirs(out, exist_ok=True)
    merges = learn(TEXT, 80)
    vocab = {B2U[b]: i for i, b in enumerate(sorted(B2U))}
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    ranks = {m: i for i, m in enumerate(merges)}
    with open(os.path.join(out, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(out, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    cases = [{"text": t, "ids": [vocab[p] for w in words(t) for p in bpe(w, ranks)]} for t in TESTS]
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
    print(len(vocab), "tokens,", len(merges), "merges")


if __name__ == "__main__":
    main()
