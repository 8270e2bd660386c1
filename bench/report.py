#!/usr/bin/env python3
"""Turns bench/run's measurements into the Markdown tables of its report.

    report.py times N TIMES.json        one row of the build-time table
    report.py default REBUILD.json COLD.json   the default site's build times against 50 ms
    report.py weights PLANB SITE        every page's weight against the first round trip
"""

import json
import subprocess
import sys
from pathlib import Path

FIRST_ROUND_TRIP = 14_280  # IW10 × 1,428 bytes (IPv6 with TCP timestamps)
HAPROXY_BUFSIZE = 16_384  # tune.bufsize, HAProxy's default
HAPROXY_ROOM = HAPROXY_BUFSIZE - 1_024 - 48 - 8  # less tune.maxrewrite and HTX bookkeeping


def medians(path):
    results = json.loads(Path(path).read_text())["results"]
    return {r["command"]: r["median"] for r in results}


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds is not None else "–"


def ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "–"


def times(n, path):
    m = medians(path)
    planb, servers, hugo, zola = (m.get(k) for k in ["planb", "planb-servers", "hugo", "zola"])
    per_page = f"{planb / int(n) * 1e6:,.0f} µs" if planb else "–"
    print(
        f"| {int(n):,} | {ms(planb)} | {ms(servers)} | {ms(hugo)} | {ms(zola)} "
        f"| {ratio(planb, hugo)} | {ratio(planb, zola)} | {per_page} |"
    )


def default(rebuild, cold):
    for path, what in [(rebuild, "rebuild (unchanged pages keep their brotli)"), (cold, "cold build into an empty folder")]:
        r = json.loads(Path(path).read_text())["results"][0]
        verdict = "met" if r["median"] <= 0.050 else "not met"
        print(
            f"- Default site, every target, {what}: median **{ms(r['median'])}** "
            f"(min {ms(r['min'])}, max {ms(r['max'])}, {len(r['times'])} runs); "
            f"target ≤ 50 ms: **{verdict}**."
        )


def weights(planb, site):
    site = Path(site)
    report = json.loads(
        subprocess.run(
            [planb, "build", "--format", "json", "--root", str(site)],
            check=True,
            capture_output=True,
        ).stdout
    )
    public = site / "output/public"
    print(f"Every page against the first round trip ({FIRST_ROUND_TRIP:,} bytes: IW10, IPv6 with TCP")
    print("timestamps). Headers: the page's own, as the manifest lists them, plus the 256 bytes")
    print("planb keeps for the server's (Date, Server, ETag, Content-Length, Content-Encoding).")
    print()
    print("| status | page | raw | gzip | brotli | headers | gzip + headers | of 14,280 |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    worst = 0
    errors_gzip = []
    for page in report["pages"]:
        file = public / page["path"].lstrip("/")
        br = file.with_name(file.name + ".br")
        br_bytes = f"{br.stat().st_size:,}" if br.exists() else "–"
        headers = page["weight"] - page["gzip_bytes"]
        worst = max(worst, page["weight"])
        if page["kind"] == "error":
            errors_gzip.append(page["gzip_bytes"])
        print(
            f"| {page['status']} | {page['path']} | {page['bytes']:,} | {page['gzip_bytes']:,} "
            f"| {br_bytes} | {headers:,} | {page['weight']:,} "
            f"| {page['weight'] / FIRST_ROUND_TRIP:.0%} |"
        )
    print()
    verdict = "met" if worst <= FIRST_ROUND_TRIP else "not met"
    print(f"Heaviest page: {worst:,} bytes; every page ≤ 14,280: **{verdict}**.")
    if errors_gzip:
        verdict = "met" if max(errors_gzip) <= 1_600 else "not met"
        print(
            f"Error pages gzip: {min(errors_gzip):,} to {max(errors_gzip):,} bytes; "
            f"target ≤ 1,600: **{verdict}**."
        )
    errorfiles = sorted((site / "output/config/haproxy/errors").glob("*.http"))
    if errorfiles:
        print()
        print(
            f"HAProxy errorfiles (whole response, uncompressed) against tune.bufsize "
            f"{HAPROXY_BUFSIZE:,}: an errorfile must fit in {HAPROXY_ROOM:,} bytes."
        )
        print()
        print("| errorfile | bytes | of the room |")
        print("| --- | ---: | ---: |")
        for f in errorfiles:
            size = f.stat().st_size
            print(f"| {f.name} | {size:,} | {size / HAPROXY_ROOM:.0%} |")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"times": times, "default": default, "weights": weights}[command](*args)
