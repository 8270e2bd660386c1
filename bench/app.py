#!/usr/bin/env python3
"""The application behind the edge in bench/shield: an HTTP/1.1 server with a capacity to prove.

It counts the requests it has in flight (from the end of a request's head to the end of its
answer) and keeps the most it ever had at once, so the benchmark can check that the edge never let
more than `capacity` through. asyncio, one coroutine per connection: thousands of concurrent
connections cost a few kilobytes each, where a thread each would fall over first and make the
edge look bad (or good) for the wrong reason.

    bench/app.py PORT [DELAY_MS [PREFIX=MAX_AGE ...]]   # listens on 127.0.0.1:PORT only
    bench/app.py 8080 50 /public/=60 /stale/=1

- `/slow/...`   200 `app ok` after DELAY_MS (default 50): the time a real request holds the app;
- PREFIX...     a public route: 200 `public PATH #N` after DELAY_MS with
                `Cache-Control: public, max-age=MAX_AGE`, N the times the application served PATH
                (1 for the first), so a body says which fetch it came from;
- `/__stats`    `{"peak": P, "in_flight": N, "served": S, "hits": {PATH: N}}` (not counted in
                flight), `hits` for the public routes' paths only;
- `/__reset`    sets peak and served back to 0 (between two load runs; hits are kept);
- anything else 200 `app ok` at once.

Every other answer says `Cache-Control: private, no-store, no-transform`: a dynamic page, which no
edge may cache (that would hide the admission control under test) nor compress (the benchmark
compares bodies byte for byte). The public routes are what `[[shield.cache]]` is for: the edge may
cache them, `no-transform` still forbids it to recompress them. Keep-alive is honoured (HAProxy and Varnish reuse backend connections; nginx and Apache close them),
request bodies are read and discarded by Content-Length, and the whole head is bounded (64 KiB)
so a bad client cannot make it buffer forever. SIGTERM (or SIGINT) stops it and prints the stats
on stdout, the last word for a caller that could not ask /__stats.
"""

import asyncio
import json
import signal
import sys

HEAD_LIMIT = 64 * 1024
# The most distinct public paths counted: a benchmark asks a few; a runaway client cannot grow
# the table (or /__stats) without bound.
HITS_LIMIT = 1000


class Counts:
    def __init__(self):
        self.in_flight = 0
        self.peak = 0
        self.served = 0
        self.hits = {}

    def hit(self, path):
        """How many times `path` was served, this time included."""
        if path in self.hits or len(self.hits) < HITS_LIMIT:
            self.hits[path] = self.hits.get(path, 0) + 1
        return self.hits.get(path, 0)

    def stats(self):
        hits = {path.decode(errors="replace"): n for path, n in self.hits.items()}
        return json.dumps(
            {
                "peak": self.peak,
                "in_flight": self.in_flight,
                "served": self.served,
                "hits": hits,
            }
        ).encode()


PRIVATE = b"private, no-store, no-transform"


def answer(status, body, keep_alive, content_type=b"text/plain", cache=PRIVATE):
    reason = b"OK" if status == 200 else b"Not Found"
    return b"".join(
        [
            b"HTTP/1.1 %d %s\r\n" % (status, reason),
            b"Content-Type: " + content_type + b"\r\n",
            b"Cache-Control: " + cache + b"\r\n",
            b"Content-Length: %d\r\n" % len(body),
            b"Connection: keep-alive\r\n" if keep_alive else b"Connection: close\r\n",
            b"\r\n",
            body,
        ]
    )


def parse_head(head):
    """(method, path, version, headers) of a request head, header names lowercased."""
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) != 3:
        raise ValueError("bad request line")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    path = parts[1].split(b"?", 1)[0]
    return parts[0], path, parts[2], headers


def wants_keep_alive(version, headers):
    connection = headers.get(b"connection", b"").lower()
    if version == b"HTTP/1.0":
        return b"keep-alive" in connection
    return b"close" not in connection


def public_max_age(path, public):
    """The max-age of the public route `path` belongs to, or None."""
    for prefix, max_age in public:
        if path.startswith(prefix):
            return max_age
    return None


async def serve_one(reader, writer, counts, delay, public):
    """One request on the connection; returns whether to keep the connection open."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        return False
    method, path, version, headers = parse_head(head[:-4])
    length = int(headers.get(b"content-length", b"0") or 0)
    if length:
        await reader.readexactly(length)
    keep = wants_keep_alive(version, headers)
    if path == b"/__stats":
        writer.write(answer(200, counts.stats(), keep, b"application/json"))
        await writer.drain()
        return keep
    if path == b"/__reset":
        counts.peak = counts.in_flight
        counts.served = 0
        writer.write(answer(200, b"reset", keep))
        await writer.drain()
        return keep
    counts.in_flight += 1
    counts.peak = max(counts.peak, counts.in_flight)
    counts.served += 1
    max_age = public_max_age(path, public)
    try:
        if max_age is not None:
            n = counts.hit(path)
            await asyncio.sleep(delay)
            cache = b"public, max-age=%d, no-transform" % max_age
            body = b"public %s #%d" % (path, n)
            writer.write(answer(200, body, keep, cache=cache))
        else:
            if path.startswith(b"/slow/"):
                await asyncio.sleep(delay)
            writer.write(answer(200, b"app ok", keep))
        await writer.drain()
    finally:
        counts.in_flight -= 1
    return keep


async def connection(reader, writer, counts, delay, public):
    try:
        while await serve_one(reader, writer, counts, delay, public):
            pass
    except (ConnectionError, ValueError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main(port, delay, public):
    counts = Counts()
    server = await asyncio.start_server(
        lambda r, w: connection(r, w, counts, delay, public),
        "127.0.0.1",
        port,
        backlog=4096,
        limit=HEAD_LIMIT,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    print(counts.stats().decode(), flush=True)


def public_routes(args):
    """`PREFIX=MAX_AGE` arguments as (prefix bytes, seconds), or exits with the usage."""
    routes = []
    for arg in args:
        prefix, sep, max_age = arg.rpartition("=")
        if not sep or not prefix.startswith("/") or not max_age.isdigit():
            sys.exit(f"bench/app.py: {arg!r} is not PREFIX=MAX_AGE (e.g. /public/=60)")
        routes.append((prefix.encode(), int(max_age)))
    return routes


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: bench/app.py PORT [DELAY_MS [PREFIX=MAX_AGE ...]]")
    delay_ms = int(sys.argv[2]) if len(sys.argv) >= 3 else 50
    asyncio.run(main(int(sys.argv[1]), delay_ms / 1000, public_routes(sys.argv[3:])))
