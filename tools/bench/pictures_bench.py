#!/usr/bin/env python3
"""Time gait's picture engine against Hugo on the corpus of pictures_corpus.py.

Each measurement is wall time, CPU time (user + sys) and peak RSS from /usr/bin/time:
- gait cold: `examples/pictures` with no `.gait/cache/` and a new output folder;
- gait warm: the same with the cache kept and a new output folder (CI, deploy);
- gait pages: `gait build` of the same corpus (pages only, for the 10% target);
- Hugo cold: `hugo` with no `resources/` and a new output folder (pages and pictures);
- Hugo pages: `hugo` with the image render hook removed (pages only).

    cargo build --release && cargo build --release --example pictures
    tools/bench/pictures_bench.py --corpus /tmp/piccorpus --hugo "$(command -v hugo)" --rounds 1
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile


def timed(cmd, cwd=None):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", out.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, rss, user, sys_ = out.read().split()[-4:]
        return float(wall), int(rss) / 1024, float(user) + float(sys_)


def fresh(*paths):
    for p in paths:
        shutil.rmtree(p, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="the --out folder of pictures_corpus.py")
    ap.add_argument("--engine", default="target/release/examples/pictures")
    ap.add_argument("--gait", default="target/release/gait")
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--skip-hugo", action="store_true")
    args = ap.parse_args()
    site, hugo_site = os.path.join(args.corpus, "gait"), os.path.join(args.corpus, "hugo")
    out = "/tmp/picbench-out"
    hook = os.path.join(hugo_site, "layouts", "_default", "_markup", "render-image.html")
    results = {}

    def record(name, value):
        results.setdefault(name, []).append(value)
        print(f"{name}: {value[0]:.1f} s wall, {value[2]:.1f} s CPU, {value[1]:.0f} MiB", flush=True)

    for _ in range(args.rounds):
        fresh(os.path.join(site, ".gait"), out)
        record("gait pictures, cold", timed([args.engine, site, out]))
        fresh(out)
        record("gait pictures, warm cache, new output", timed([args.engine, site, out]))
        fresh(out)
        record("gait build, pages only", timed([args.gait, "build", "--root", site, "--output", out]))
        if args.skip_hugo:
            continue
        fresh(os.path.join(hugo_site, "resources"), out)
        record("Hugo, pages and pictures, cold", timed([args.hugo, "--quiet", "-d", out], cwd=hugo_site))
        fresh(out)
        record("Hugo, warm resources/, new output", timed([args.hugo, "--quiet", "-d", out], cwd=hugo_site))
        os.rename(hook, hook + ".off")
        try:
            fresh(out)
            record("Hugo, pages only", timed([args.hugo, "--quiet", "-d", out], cwd=hugo_site))
        finally:
            os.rename(hook + ".off", hook)
    print()
    for name, values in results.items():
        wall = statistics.median(v[0] for v in values)
        rss = statistics.median(v[1] for v in values)
        cpu = statistics.median(v[2] for v in values)
        print(f"| {name} | {wall:.1f} s | {cpu:.1f} s | {rss:.0f} MiB |")


if __name__ == "__main__":
    main()
