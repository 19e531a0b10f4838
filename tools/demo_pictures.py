#!/usr/bin/env python3
"""Draw the demo site's photos: fictional scenes made of shapes, soft light
and sensor-like grain, so they look and compress like real photos without
being anyone's picture. Deterministic: the same files every run.

    python3 -m venv /tmp/picvenv && /tmp/picvenv/bin/pip install pillow numpy
    /tmp/picvenv/bin/python tools/demo_pictures.py          # from the repository root

Writes static/images/team/<author>.jpg (portraits), static/images/clinics/
<clinic>.jpg (fronts of the clinics) and content/posts/<slug>/photo.jpg (the
posts' featured pictures). Which post gets which scene is in POSTS below; the
front matter that shows them is written by hand.
"""
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# author slug -> (skin, hair, top colour, hair style, seed)
PEOPLE = {
    "avery-sato": ((224, 187, 160), (40, 30, 28), (70, 120, 170), "short", 1),
    "daniel-reyes": ((176, 125, 92), (30, 24, 22), (40, 120, 120), "short", 2),
    "grace-whitfield": ((236, 200, 180), (170, 120, 70), (120, 100, 160), "long", 3),
    "linh-tran": ((226, 190, 150), (25, 22, 22), (110, 150, 110), "long", 4),
    "maya-okafor": ((120, 80, 60), (20, 16, 16), (200, 100, 90), "curly", 5),
    "rosa-delgado": ((200, 150, 115), (50, 32, 25), (190, 150, 60), "long", 6),
}
# clinic slug -> (wall colour, awning colour, storeys, seed)
CLINICS = {
    "asheville": ((150, 70, 55), (60, 110, 90), 2, 11),
    "austin": ((226, 214, 190), (40, 130, 140), 2, 12),
    "lexington": ((185, 175, 160), (30, 60, 110), 3, 13),
    "portland": ((110, 125, 130), (180, 120, 40), 2, 14),
}
# post slug -> (scene, seed)
POSTS = {
    "your-first-pelvic-floor-visit": ("room", 21),
    "pelvic-girdle-pain-in-pregnancy": ("mat", 22),
    "sacroiliac-joint-pain-straight-talk": ("mat", 23),
    "pain-outlasts-injury": ("path", 24),
    "three-day-bladder-diary": ("desk", 25),
    "kegels-are-not-always-the-answer": ("room", 26),
    "bladder-control-after-prostate-surgery": ("desk", 27),
    "virtual-visits-in-more-states": ("desk", 28),
}


def grain(img, rng, strength=6.0):
    a = np.asarray(img, dtype=np.float32)
    noise = rng.normal(0.0, strength, a.shape[:2] + (1,)).astype(np.float32)
    return Image.fromarray(np.clip(a + noise, 0, 255).astype(np.uint8))


def gradient(w, h, top, bottom):
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    a = np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t
    return Image.fromarray(np.repeat(a, w, axis=1).astype(np.uint8))


def light(img, cx, cy, radius, strength):
    """A soft pool of light (or shade, with a negative strength)."""
    w, h = img.size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius ** 2)))[..., None]
    a = np.asarray(img, dtype=np.float32) + d * strength
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def shade(c, f):
    return tuple(max(0, min(255, int(v * f))) for v in c)



def portrait(skin, hair, top, style, seed, size=800):
    rng = np.random.default_rng(seed)
    img = gradient(size, size, (214, 208, 196), (168, 160, 150))
    img = light(img, size * 0.3, size * 0.25, size * 0.35, 30)
    d = ImageDraw.Draw(img)
    cx = size // 2
    # Shoulders and top.
    d.ellipse([cx - 330, 560, cx + 330, 1100], fill=top)
    d.polygon([(cx - 60, 560), (cx + 60, 560), (cx, 640)], fill=shade(skin, 0.92))
    # Neck, head, ears.
    d.rectangle([cx - 55, 430, cx + 55, 580], fill=shade(skin, 0.88))
    if style == "long":
        d.rounded_rectangle([cx - 175, 170, cx + 175, 600], 150, fill=hair)
    d.ellipse([cx - 150, 170, cx + 150, 520], fill=skin)
    d.ellipse([cx - 168, 320, cx - 128, 390], fill=shade(skin, 0.9))
    d.ellipse([cx + 128, 320, cx + 168, 390], fill=shade(skin, 0.9))
    if style == "curly":
        for i in range(26):
            a = np.pi * (0.95 + i / 25 * 1.1)
            x, y = cx + 150 * np.cos(a), 300 + 150 * np.sin(a)
            d.ellipse([x - 55, y - 55, x + 55, y + 55], fill=hair)
    else:
        d.chord([cx - 160, 150, cx + 160, 420], 180, 360, fill=hair)
    # Eyes, brows and a smile: enough to read as a face at 200 px.
    for s in (-1, 1):
        ex = cx + s * 58
        d.ellipse([ex - 14, 330, ex + 14, 346], fill=(60, 45, 40))
        d.line([ex - 26, 308, ex + 24, 304], fill=shade(hair, 1.2), width=7)
    d.arc([cx - 55, 380, cx + 55, 450], 20, 160, fill=(150, 80, 80), width=6)
    img = img.filter(ImageFilter.GaussianBlur(2.2))
    img = light(img, size * 0.35, size * 0.35, size * 0.3, 14)
    return grain(img, rng, 5.0)


def clinic(wall, awning, storeys, seed, w=1600, h=1000):
    rng = np.random.default_rng(seed)
    img = gradient(w, h, (120, 170, 225), (215, 230, 240))
    d = ImageDraw.Draw(img)
    ground = 860
    top = ground - storeys * 230
    d.rectangle([160, top, 1440, ground], fill=wall)
    d.rectangle([140, top - 30, 1460, top], fill=shade(wall, 0.75))
    for s in range(storeys):
        y0 = top + 40 + s * 230
        for i in range(6):
            x0 = 220 + i * 205
            if s == storeys - 1 and i in (2, 3):
                continue
            d.rectangle([x0, y0, x0 + 130, y0 + 150], fill=(70, 90, 110))
            d.rectangle([x0 + 8, y0 + 8, x0 + 60, y0 + 142], fill=(120, 150, 175))
    # Door, awning, sidewalk, a tree.
    d.rectangle([640, ground - 210, 760, ground], fill=(60, 50, 45))
    d.rectangle([790, ground - 210, 960, ground - 60], fill=(90, 120, 140))
    d.polygon([(600, ground - 250), (1000, ground - 250), (1030, ground - 190), (570, ground - 190)], fill=awning)
    d.rectangle([0, ground, w, h], fill=(150, 148, 142))
    d.rectangle([0, ground + 70, w, h], fill=(80, 80, 84))
    d.rectangle([1300, ground - 260, 1325, ground], fill=(80, 60, 45))
    for _ in range(40):
        x, y = rng.normal(1312, 70), rng.normal(ground - 330, 60)
        r = rng.uniform(30, 60)
        g = int(rng.uniform(80, 130))
        d.ellipse([x - r, y - r, x + r, y + r], fill=(50, g, 55))
    img = img.filter(ImageFilter.GaussianBlur(1.6))
    img = light(img, w * 0.2, -100, w * 0.5, 25)
    return grain(img, rng, 6.0)


def scene(kind, seed, w=2000, h=1333):
    rng = np.random.default_rng(seed)
    if kind == "path":
        img = gradient(w, h, (250, 200, 150), (150, 175, 200))
        d = ImageDraw.Draw(img)
        d.polygon([(0, 800), (w, 700), (w, h), (0, h)], fill=(90, 130, 80))
        d.polygon([(850, 740), (1100, 735), (1700, h), (300, h)], fill=(170, 150, 120))
        for i in range(9):
            x = 150 + i * 220 + rng.uniform(-40, 40)
            d.rectangle([x, 480, x + 22, 790], fill=(70, 55, 40))
            d.ellipse([x - 110, 300, x + 130, 560], fill=(50, int(rng.uniform(90, 130)), 60))
        # A runner seen from behind.
        d.ellipse([955, 760, 1005, 810], fill=(90, 60, 50))
        d.rounded_rectangle([945, 805, 1015, 900], 20, fill=(200, 80, 90))
        d.line([965, 900, 950, 990], fill=(40, 40, 50), width=18)
        d.line([995, 900, 1020, 985], fill=(40, 40, 50), width=18)
        img = light(img.filter(ImageFilter.GaussianBlur(2.0)), w * 0.5, h * 0.45, 500, 40)
        return grain(img, rng, 6.5)
    tint = rng.uniform(0.85, 1.05, 3)
    img = gradient(w, h, shade((228, 224, 214) * tint, 1), shade((196, 190, 180) * tint, 1))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 880, w, h], fill=shade((150, 120, 95), rng.uniform(0.8, 1.15)))
    d.rectangle([1350, 150, 1800, 650], fill=(235, 240, 245))
    d.line([1575, 150, 1575, 650], fill=(200, 200, 200), width=10)
    if kind == "room":
        d.rounded_rectangle([350, 650, 1250, 760], 30, fill=(70, 110, 130))
        for x in (420, 1180):
            d.rectangle([x - 20, 760, x + 20, 1000], fill=(120, 120, 125))
        d.rounded_rectangle([380, 610, 560, 660], 20, fill=(235, 235, 230))
        d.rectangle([200, 200, 500, 450], fill=(200, 190, 170))
        d.ellipse([260, 240, 440, 420], fill=(180, 120, 110))
    elif kind == "mat":
        d.rounded_rectangle([300, 940, 1500, 1040], 20, fill=(90, 140, 160))
        # A figure in a bridge: shoulders down, hips up, knees bent.
        d.ellipse([380, 860, 470, 950], fill=(150, 105, 85))
        d.line([460, 930, 800, 800], fill=(70, 80, 140), width=70)
        d.line([800, 800, 1000, 760], fill=(40, 45, 60), width=60)
        d.line([1000, 760, 1080, 960], fill=(40, 45, 60), width=50)
        d.line([560, 930, 700, 960], fill=(150, 105, 85), width=30)
    else:  # desk
        d.rectangle([250, 650, 1650, 700], fill=(140, 100, 70))
        d.rectangle([300, 700, 340, 1000], fill=(110, 80, 55))
        d.rectangle([1560, 700, 1600, 1000], fill=(110, 80, 55))
        d.polygon([(600, 640), (1000, 630), (1040, 660), (620, 668)], fill=(245, 245, 238))
        for i in range(6):
            d.line([640, 640 + i * 4, 1000, 633 + i * 4], fill=(150, 160, 190), width=1)
        d.rectangle([1150, 560, 1230, 650], fill=(230, 230, 240))
        d.rectangle([1160, 520, 1220, 560], fill=(60, 140, 180))
    img = img.filter(ImageFilter.GaussianBlur(2.5))
    img = light(img, 1575, 400, 600, 45)
    if seed % 2:
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return grain(img, rng, 6.0)


def save(img, rel, quality):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img.save(path, quality=quality, optimize=True)
    return os.path.getsize(path)


def main():
    total = 0
    for slug, (skin, hair, top, style, seed) in PEOPLE.items():
        total += save(portrait(skin, hair, top, style, seed), f"static/images/team/{slug}.jpg", 85)
    for slug, (wall, awning, storeys, seed) in CLINICS.items():
        total += save(clinic(wall, awning, storeys, seed), f"static/images/clinics/{slug}.jpg", 85)
    for slug, (kind, seed) in POSTS.items():
        total += save(scene(kind, seed), f"content/posts/{slug}/photo.jpg", 85)
    print(f"{len(PEOPLE) + len(CLINICS) + len(POSTS)} pictures, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
