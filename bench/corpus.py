#!/usr/bin/env python3
"""Writes the benchmark corpus: N pages of realistic Markdown, as a planb site, a Hugo site and a
zola site with the same text and a layout of comparable work (one template, the same stylesheet
inlined and minified, minified HTML).

    bench/corpus.py N DIR          # DIR/planb, DIR/hugo, DIR/zola: short pages
    bench/corpus.py N DIR long     # longer pages: 3 to 8 paragraphs of 30 to 80 words, and a list

The text is pseudo-random but fixed (seeded), so every run and every tool sees the same bytes. The
short pages (2 to 4 sections of one to three paragraphs) are what a landing page holds; the longer
ones weigh more per page, where compression takes a larger share of planb's time.
"""

import random
import sys
from pathlib import Path

WORDS = """
delivery order basket fresh farm market tonight offer customer season vegetables fruit bread cheese
local producer box week subscription morning route driver weather harvest apple carrot tomato
potato onion lettuce strawberry honey milk butter eggs flour kitchen recipe dinner family price
quality organic region village cooperative warehouse packing refrigerated van neighborhood pickup
point schedule payment card account address help question answer team support promise minute
hour day evening weekend holiday winter spring summer autumn television show audience viewer
""".split()

STYLE = (Path(__file__).resolve().parent.parent / "themes/default/assets/style.css").read_text()


def sentence(rng):
    # American English (the sites' `en` checks against en_US) and no word twice in a row: the
    # corpus has no spelling finding, as a real site would not.
    words = []
    for _ in range(rng.randint(8, 18)):
        word = rng.choice(WORDS)
        while words and word == words[-1]:
            word = rng.choice(WORDS)
        words.append(word)
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](https://www.example.com/{words[i]})"
    return " ".join(words).capitalize() + "."


def clip(text, n):
    """`text` without its markup, cut at a word boundary to at most `n` characters."""
    text = text.replace("*", "").split("[")[0].strip()
    if len(text) > n:
        text = text[:n].rsplit(" ", 1)[0]
    return text.strip() or "Offer"


def body(rng):
    parts = []
    for section in range(rng.randint(2, 4)):
        if section:
            parts.append(f"## {clip(sentence(rng)[:-1], 48)}")
        for _ in range(rng.randint(1, 3)):
            parts.append(" ".join(sentence(rng) for _ in range(rng.randint(3, 6))))
        if rng.random() < 0.5:
            parts.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 5))))
    return "\n\n".join(parts) + "\n"


def paragraph(rng, low, high):
    """Sentences until the paragraph holds between `low` and `high` words."""
    goal = rng.randint(low, high)
    words = []
    while len(words) < goal:
        words.extend(sentence(rng).split())
    return " ".join(words[:goal]).rstrip(".") + "."


def long_body(rng):
    count = rng.randint(3, 8)
    parts = [paragraph(rng, 30, 80) for _ in range(count)]
    items = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 6)))
    parts.insert(rng.randint(1, count), items)
    return "\n\n".join(parts) + "\n"


def planb_site(dest, pages, targets):
    (dest / "content/pages").mkdir(parents=True)
    (dest / "planb.toml").write_text(
        '[site]\nname = "Bench"\nlanguage = "en"\n\n[errors]\ncodes = [404, 503]\n\n'
        f"[edge]\ntargets = {targets}\n"
    )
    for i, (title, description, text) in enumerate(pages):
        (dest / f"content/pages/p{i}.md").write_text(
            f'+++\ntitle = "{title}"\ndescription = "{description}"\nkind = "landing"\n+++\n\n{text}'
        )


def hugo_site(dest, pages):
    (dest / "content/pages").mkdir(parents=True)
    (dest / "layouts/_default").mkdir(parents=True)
    (dest / "assets").mkdir()
    (dest / "config.toml").write_text(
        'baseURL = "https://www.example.com/"\ntitle = "Bench"\nlanguageCode = "en"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
    )
    (dest / "assets/style.css").write_text(STYLE)
    layout = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}">
{{ $css := resources.Get "style.css" | minify }}<style>{{ $css.Content | safeCSS }}</style>
</head><body><header><span class="name">{{ .Site.Title }}</span></header>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main><footer>{{ .Site.Title }}</footer></body></html>
"""
    (dest / "layouts/_default/single.html").write_text(layout)
    (dest / "layouts/_default/list.html").write_text(layout)
    (dest / "layouts/index.html").write_text(layout)
    for i, (title, description, text) in enumerate(pages):
        (dest / f"content/pages/p{i}.md").write_text(
            f'+++\ntitle = "{title}"\ndescription = "{description}"\n+++\n\n{text}'
        )


def zola_site(dest, pages):
    (dest / "content/pages").mkdir(parents=True)
    (dest / "templates").mkdir()
    (dest / "sass").mkdir()
    (dest / "config.toml").write_text(
        'base_url = "https://www.example.com"\ntitle = "Bench"\nminify_html = true\ncompile_sass = false\n'
    )
    (dest / "content/_index.md").write_text("+++\n+++\n")
    (dest / "content/pages/_index.md").write_text("+++\n+++\n")
    layout = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ page.title | default(value="") }} · {{ config.title }}</title>
<style>{{ load_data(path="style.css", format="plain") | safe }}</style>
</head><body><header><span class="name">{{ config.title }}</span></header>
<main>{% if page %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endif %}</main><footer>{{ config.title }}</footer></body></html>
"""
    for name in ["page.html", "section.html", "index.html"]:
        (dest / "templates" / name).write_text(layout)
    (dest / "style.css").write_text(STYLE)
    for i, (title, description, text) in enumerate(pages):
        (dest / f"content/pages/p{i}.md").write_text(
            f'+++\ntitle = "{title}"\ndescription = "{description}"\n+++\n\n{text}'
        )


def main():
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    write_body = long_body if sys.argv[3:] == ["long"] else body
    rng = random.Random(2026)
    pages = []
    for _ in range(n):
        title = clip(sentence(rng)[:-1], 60)
        description = sentence(rng).replace("*", "").split("[")[0].strip()
        pages.append((title, description, write_body(rng)))
    # What Hugo writes: the pages, with the static host's rules beside them.
    planb_site(out / "planb", pages, '["netlify"]')
    # Every server target too: .gz and .br siblings of each page, and each server's configuration
    # (Cloudflare Pages is left out: it takes at most 100 header rules, about 50 pages).
    planb_site(
        out / "planb-servers",
        pages,
        '["netlify", "nginx", "apache", "caddy", "haproxy", "varnish", "cloudfront"]',
    )
    hugo_site(out / "hugo", pages)
    zola_site(out / "zola", pages)


if __name__ == "__main__":
    main()
