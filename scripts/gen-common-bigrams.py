#!/usr/bin/env python3
"""Write the list of common bigrams that the search index pairs into 4-grams.

    python3 scripts/gen-common-bigrams.py DICT > crates/gazette-search/data/common-bigrams.txt

DICT is the dictionary bundled with the jieba-rs crate (src/data/dict.txt in
its source, found under ~/.cargo/registry/src/*/jieba-rs-*/): one word per
line with its frequency in a general Chinese corpus. The list is the COUNT
(4096) most frequent words of two CJK unified ideographs, most
frequent first, ties by the word. The index depends on the list: changing it
means renaming the n-gram analyser (gazette-search `schema::NGRAMS`), so
that indexes made with the old list are rebuilt.
"""

import sys

COUNT = 4096


def is_cjk(ch):
    return "\u4e00" <= ch <= "\u9fff"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    words = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], parts[1]
            if len(word) != 2 or not all(is_cjk(ch) for ch in word):
                continue
            try:
                words.append((-int(freq), word))
            except ValueError:
                sys.exit(f"{sys.argv[1]}:{number}: frequency is not a number: {freq!r}")
    words.sort()
    print(f"# The {COUNT} most frequent two-character words of jieba-rs 0.11's dictionary")
    print("# (src/data/dict.txt), most frequent first; written by scripts/gen-common-bigrams.py.")
    for _, word in words[:COUNT]:
        print(word)


if __name__ == "__main__":
    main()
