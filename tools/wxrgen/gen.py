#!/usr/bin/env python3
"""Generate a large, made-up WordPress export (WXR 1.2) for benchmarking
`gait import wordpress`.

    python3 tools/wxrgen/gen.py OUT.xml [--posts 5000] [--comments 50000] [--seed 1]

Posts mix classic-editor content (no <p> tags, captions, shortcodes) and
Gutenberg block content; comments are threaded, with some pingbacks, spam
and unapproved ones. Deterministic for a given seed. Standard library only.
"""

import argparse
import random
from datetime import datetime, timedelta

WORDS = (
    "pelvic floor pain hip back knee posture breathing core strength therapy "
    "patient exercise stretch gentle daily routine muscle tension relax visit "
    "clinic therapist recovery pregnancy postpartum bladder bowel running "
    "walking sitting standing lifting sleep stress nerve joint sacroiliac "
    "movement balance progress week month plan goal home program"
).split()

CATEGORIES = [
    "Men's Health & Wellness", "Pelvic Pain", "Pregnancy & Postpartum",
    "Low Back Pain", "Hip Pain", "Running", "Bladder Health", "Bowel Health",
    "Sacroiliac Joint", "Virtual Visits", "Clinic News", "Exercise of the Week",
    "Pain Science", "Sports Injuries", "Women's Health", "Aging Well",
]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, n=None):
    n = n or rng.randint(8, 20)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def classic_body(rng, day, post_id, base):
    parts = [paragraph(rng), paragraph(rng) + "\n" + sentence(rng)]
    parts.append("<h2>" + sentence(rng, 4)[:-1] + "</h2>")
    parts.append("<ol>\n" + "\n".join(
        "\t<li>" + sentence(rng, 6) + "</li>" for _ in range(rng.randint(3, 6))) + "\n</ol>")
    if rng.random() < 0.5:
        img = f"{base}/wp-content/uploads/{day:%Y/%m}/photo-{post_id}-300x200.jpg"
        parts.append(
            f'[caption id="attachment_{post_id}" align="aligncenter" width="300"]'
            f'<img class="size-medium" src="{img}" alt="{sentence(rng, 4)[:-1]}" width="300" height="200" /> '
            f"{sentence(rng, 6)}[/caption]")
    parts.append(paragraph(rng) + f' See <a href="{base}/{day:%Y/%m}/post-{max(1, post_id - 1)}/">the previous post</a>.')
    if rng.random() < 0.2:
        parts.append('[contact-form-7 id="12" title="Book a visit"]')
    parts.append(paragraph(rng))
    return "\n\n".join(parts)


def block_body(rng, day, post_id, base):
    blocks = []
    for _ in range(rng.randint(3, 6)):
        blocks.append("<!-- wp:paragraph -->\n<p>" + paragraph(rng) + "</p>\n<!-- /wp:paragraph -->")
    blocks.insert(1, "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">" + sentence(rng, 4)[:-1] + "</h2>\n<!-- /wp:heading -->")
    items = "".join("<!-- wp:list-item -->\n<li>" + sentence(rng, 6) + "</li>\n<!-- /wp:list-item -->" for _ in range(4))
    blocks.append("<!-- wp:list -->\n<ul>" + items + "</ul>\n<!-- /wp:list -->")
    img = f"{base}/wp-content/uploads/{day:%Y/%m}/block-{post_id}.jpg"
    blocks.append(
        "<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"" + img + "\" alt=\"" + sentence(rng, 4)[:-1]
        + "\"/><figcaption class=\"wp-element-caption\">" + sentence(rng, 5) + "</figcaption></figure>\n<!-- /wp:image -->")
    return "\n\n".join(blocks)


def comment_xml(rng, cid, parent, day, kind, approved):
    when = day + timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 1440))
    gmt = when + timedelta(hours=6)
    body = "\n".join(sentence(rng) for _ in range(rng.randint(1, 4)))
    return f"""		<wp:comment>
			<wp:comment_id>{cid}</wp:comment_id>
			<wp:comment_author>{cdata("Reader " + str(cid % 977))}</wp:comment_author>
			<wp:comment_author_email>{cdata(f"reader{cid}@mail.example")}</wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP>{cdata(f"198.51.100.{cid % 250}")}</wp:comment_author_IP>
			<wp:comment_date>{cdata(f"{when:%Y-%m-%d %H:%M:%S}")}</wp:comment_date>
			<wp:comment_date_gmt>{cdata(f"{gmt:%Y-%m-%d %H:%M:%S}")}</wp:comment_date_gmt>
			<wp:comment_content>{cdata(body)}</wp:comment_content>
			<wp:comment_approved>{cdata(approved)}</wp:comment_approved>
			<wp:comment_type>{cdata(kind)}</wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--posts", type=int, default=5000)
    ap.add_argument("--comments", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = "https://bench-clinic.example"
    authors = [(f"pt{i}", f"Therapist {i}") for i in range(1, 21)]
    per_post = [args.comments // args.posts] * args.posts
    for i in range(args.comments - sum(per_post)):
        per_post[i] += 1

    with open(args.out, "w", encoding="utf-8") as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8" ?>\n')
        w('<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
          'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
          'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n')
        w(f"<channel>\n\t<title>Bench Clinic</title>\n\t<link>{base}</link>\n")
        w(f"\t<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_site_url>{base}</wp:base_site_url>\n\t<wp:base_blog_url>{base}</wp:base_blog_url>\n")
        for i, (login, name) in enumerate(authors, 1):
            w(f"\t<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
              f"<wp:author_email>{cdata(login + '@bench-clinic.example')}</wp:author_email>"
              f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>\n")
        start = datetime(2012, 1, 1, 9, 0, 0)
        cid = 1000
        for n in range(1, args.posts + 1):
            day = start + timedelta(hours=n * 7)
            status = "draft" if n % 50 == 0 else "publish"
            body = block_body(rng, day, n, base) if n % 3 == 0 else classic_body(rng, day, n, base)
            cats = rng.sample(CATEGORIES, rng.randint(1, 3))
            tags = rng.sample(WORDS, rng.randint(0, 4))
            w("\t<item>\n")
            w(f"\t\t<title>{cdata(sentence(rng, 6)[:-1])}</title>\n")
            w(f"\t\t<link>{base}/{day:%Y/%m}/post-{n}/</link>\n")
            w(f"\t\t<dc:creator>{cdata(authors[n % len(authors)][0])}</dc:creator>\n")
            w(f"\t\t<content:encoded>{cdata(body)}</content:encoded>\n")
            w(f"\t\t<excerpt:encoded>{cdata(sentence(rng) if n % 4 == 0 else '')}</excerpt:encoded>\n")
            w(f"\t\t<wp:post_id>{n}</wp:post_id>\n")
            w(f"\t\t<wp:post_date>{cdata(f'{day:%Y-%m-%d %H:%M:%S}')}</wp:post_date>\n")
            w(f"\t\t<wp:post_date_gmt>{cdata(f'{day + timedelta(hours=6):%Y-%m-%d %H:%M:%S}')}</wp:post_date_gmt>\n")
            w(f"\t\t<wp:post_name>{cdata(f'post-{n}')}</wp:post_name>\n")
            w(f"\t\t<wp:status>{cdata(status)}</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n")
            w(f"\t\t<wp:post_type>{cdata('post')}</wp:post_type>\n\t\t<wp:post_password>{cdata('')}</wp:post_password>\n")
            for c in cats:
                nice = c.lower().replace("'", "").replace("&", "").replace("  ", " ").replace(" ", "-")
                w(f'\t\t<category domain="category" nicename="{nice}">{cdata(esc(c))}</category>\n')
            for t in tags:
                w(f'\t\t<category domain="post_tag" nicename="{t}">{cdata(t)}</category>\n')
            ids = []
            for k in range(per_post[n - 1]):
                cid += 1
                r = rng.random()
                kind, approved = "comment", "1"
                if r < 0.05:
                    kind = "pingback"
                elif r < 0.10:
                    approved = "spam"
                elif r < 0.13:
                    approved = "0"
                parent = rng.choice(ids) if ids and rng.random() < 0.4 else 0
                w(comment_xml(rng, cid, parent, day, kind, approved))
                ids.append(cid)
            w("\t</item>\n")
        w("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
