"""String building and str methods.

Builds text with +=, join and formatting, then takes it apart with split,
strip, replace, find, startswith, upper/lower, count and slicing.  The
checksum uses only lengths and ord() so it does not depend on hash().
"""

SYLLABLES = ["ka", "ro", "mi", "tel", "sun", "ba", "ri", "on", "za", "pe", "lu", "x"]


def make_words(n, seed):
    state = seed
    words = []
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        parts = 1 + (state >> 8) % 3
        w = ""
        s = state
        for _ in range(parts):
            w += SYLLABLES[s % len(SYLLABLES)]
            s //= 7
        words.append(w)
    return words


def build_report(words):
    # Quadratic unless += extends in place.
    out = ""
    for i, w in enumerate(words):
        out += w
        if i % 10 == 9:
            out += "\n"
        else:
            out += " "
    return out


def format_lines(words):
    lines = []
    for i in range(0, len(words) - 3, 3):
        a, b, c = words[i], words[i + 1], words[i + 2]
        lines.append(f"{i:6d}: {a:<10}|{b:>10}|{c.upper()} ({len(a) + len(b)})")
        lines.append("%s-%s=%d" % (b, c, len(c)))
        lines.append("{}/{}".format(a.capitalize(), c.title()))
    return "\n".join(lines)


def analyse(text):
    score = 0
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("ka") or line.endswith("on"):
            score += 1
        pos = line.find("tel")
        if pos >= 0:
            score += pos
        score += line.count("a")
        parts = line.split()
        score += len(parts)
        if "|" in line:
            left, _, right = line.partition("|")
            score += len(left.rstrip()) - len(right.lstrip())
        replaced = line.replace("ro", "RO").replace("x", "")
        score += len(replaced)
        low = replaced.lower()
        if low.isalpha():
            score += 7
        score += ord(low[len(low) // 2])
        score += len(line[::-1][1:5])
    return score


def caesar(text, shift):
    table = {}
    for i in range(26):
        table[chr(97 + i)] = chr(97 + (i + shift) % 26)
    return "".join([table.get(ch, ch) for ch in text])


def main():
    words = make_words(160000, 2024)
    report = build_report(words)
    formatted = format_lines(words)
    s1 = analyse(report)
    s2 = analyse(formatted)
    shifted = caesar(report[:200000], 3)
    back = caesar(shifted, 23)
    same = back == report[:200000]
    total = 0
    for ch in shifted[:50000]:
        total += ord(ch)
    print(len(report), len(formatted), s1, s2, same, total)


main()
