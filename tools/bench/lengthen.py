#!/usr/bin/env python3
"""Copy a gait corpus from the bench kit with every post's Markdown repeated.

The kit's posts are about 6 KB each; real clinic articles are often several
times longer. A build whose memory grows with the posts' text rather than
with their number shows it on the copy:

    tools/bench/lengthen.py --times 10 /work/baseline/c10k /tmp/c10k-long
    tools/bench/compare.py --rounds 3 --gait target/release/gait --corpus /tmp/c10k-long
"""
import argparse
import pathlib
import shutil


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("source")
    ap.add_argument("dest")
    a = ap.parse_args()
    dest = pathlib.Path(a.dest)
    if dest.exists():
        raise SystemExit(f"{dest} exists; remove it first")
    shutil.copytree(a.source, dest)
    n = 0
    for post in sorted((dest / "content" / "posts").glob("*.md")):
        text = post.read_text(encoding="utf-8")
        end = text.index("\n---\n", 4) + len("\n---\n")
        front, body = text[:end], text[end:]
        post.write_text(front + "\n".join([body] * a.times), encoding="utf-8")
        n += 1
    print(f"{n} posts, each with its Markdown {a.times} times")


if __name__ == "__main__":
    main()
