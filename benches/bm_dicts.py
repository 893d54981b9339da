"""Dict-heavy code: word counts, memo tables, dicts of dicts.

Counting with get() and with `in`, a memoised recursive function keyed by
tuples, an adjacency map walked by key, and dict iteration (items, keys,
values).  Output is sorted or order-stable, so it does not depend on
hash randomisation.
"""

VOCAB = [
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was",
    "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from",
    "at", "which", "but", "have", "an", "had", "they", "you", "were", "their",
    "one", "all", "we", "can", "her", "has", "there", "been", "if", "more",
]


def make_text(n, seed):
    state = seed
    words = []
    nv = len(VOCAB)
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        r = state >> 4
        # Skewed distribution: low indices are more frequent.
        idx = (r % nv) * ((r >> 8) % nv) // nv
        w = VOCAB[idx]
        if (r >> 16) % 5 == 0:
            w = w + str(r % 97)
        words.append(w)
    return words


def count_get(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def count_in(words):
    counts = {}
    for w in words:
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


def bigrams(words):
    table = {}
    prev = words[0]
    for w in words[1:]:
        inner = table.get(prev)
        if inner is None:
            inner = {}
            table[prev] = inner
        inner[w] = inner.get(w, 0) + 1
        prev = w
    return table


def partitions(n, k, memo):
    # Number of partitions of n into parts of size at most k.
    key = (n, k)
    if key in memo:
        return memo[key]
    if n == 0:
        result = 1
    elif n < 0 or k == 0:
        result = 0
    else:
        result = partitions(n - k, k, memo) + partitions(n, k - 1, memo)
    memo[key] = result
    return result


def main():
    words = make_text(800000, 7)
    c1 = count_get(words)
    c2 = count_in(words)
    assert c1 == c2
    top = sorted(c1.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    table = bigrams(words)
    best_follow = 0
    pairs = 0
    for first, inner in table.items():
        pairs += len(inner)
        for second, n in inner.items():
            if n > best_follow:
                best_follow = n
    total = sum(c1.values())
    memo = {}
    p = partitions(400, 400, memo)
    merged = {}
    for k in c1:
        merged[k] = c1[k]
    merged.update({k + "!": v for k, v in c2.items() if v > 100})
    for k in list(merged):
        if k.endswith("!"):
            del merged[k]
    print(len(c1), total, top, pairs, best_follow, p % 1000000007, len(memo), len(merged))


main()
