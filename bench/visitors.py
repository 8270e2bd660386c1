#!/usr/bin/env python3
"""The visitors of bench/shield's scenarios that wrk cannot play: a crowd that asks one cold URL
at the same instant, and visitors who keep asking a cached URL after the application was killed.
Every answer is classified against the same EXPECT_FILE as bench/shield.lua (its format is there:
`answer`, `header`, `body`, `text` rules, tab-separated), byte for byte; a manifest header must
be present exactly once with its value, and a reset, a timeout or an empty answer is wrong.

    bench/visitors.py burst PORT PATH N EXPECT_FILE
        N connections opened first, then one GET of PATH on each as close to the same instant as
        threads allow. Prints `burst answers=N slowest_ms=MS kind:KIND=N ... wrong=N` and the
        first reasons of wrong answers (`burst-wrong N REASON`).

    bench/visitors.py stale PORT PATH EXPECT_FILE APP_PID APP_PORT MAX_AGE STALE_IF_ERROR
        Fills the cache with one GET of PATH (the application's answer), kills the application
        (SIGKILL to APP_PID, a crash: no goodbye to the edge's connections) and waits until
        APP_PORT refuses connections, then 4 visitors ask PATH in a loop for
        MAX_AGE + STALE_IF_ERROR + 3 seconds after the fill. Prints one line:
        `stale fill=ok killed_after_ms=MS answers=N stale_ms=MS page_ms=MS page=KIND ...` where
        times are from the copy's expiry (fill + MAX_AGE); see `report_stale`.

127.0.0.1 only; every socket has a timeout, every loop an end. Exit status 0 when it ran (the
verdict is bench/shield's, from the printed counts), 2 on bad arguments, 1 when it could not run.
"""

import http.client
import os
import signal
import socket
import sys
import threading
import time

SOCKET_TIMEOUT = 10
REASONS_SHOWN = 5


def load_expect(path):
    """The variants of an EXPECT_FILE: dicts of kind, status, headers [(name, value)], bodies
    [(encoding, bytes)]."""
    variants = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            rule = fields[0]
            if rule == "answer":
                variants.append(
                    {"kind": fields[1], "status": int(fields[2]), "headers": [], "bodies": []}
                )
            elif rule == "header":
                variants[-1]["headers"].append((fields[2], fields[3]))
            elif rule == "body":
                with open(fields[3], "rb") as body:
                    variants[-1]["bodies"].append((fields[2], body.read()))
            elif rule == "text":
                variants[-1]["bodies"].append((fields[2], fields[3].encode()))
    return variants


def mismatch(variant, status, headers, body):
    """None when the answer is of this variant, else why not."""
    if status != variant["status"]:
        return f"status {status}"
    encoding = (headers.get("content-encoding") or ["identity"])[-1]
    if (encoding, body) not in variant["bodies"]:
        return f"{status}, {len(body)} bytes {encoding} body: not the expected bytes"
    for name, value in variant["headers"]:
        got = headers.get(name.lower(), [])
        if got != [value]:
            return f"{status}, header {name}: {got} (expected [{value!r}])"
    return None


def classify(variants, status, headers, body):
    """(kind, None) for an expected answer, else (None, reason)."""
    why = None
    for v in variants:
        reason = mismatch(v, status, headers, body)
        if reason is None:
            return v["kind"], None
        if why is None or status == v["status"]:
            why = f"{v['kind']}? {reason}"
    return None, why


def connect(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)
    conn.connect()
    return conn


def ask(conn, path):
    """One GET on an open connection: (status, {lowercased name: [values]}, body bytes)."""
    conn.request("GET", path, headers={"Accept-Encoding": "gzip, br", "Connection": "close"})
    r = conn.getresponse()
    body = r.read()
    headers = {}
    for name, value in r.getheaders():
        headers.setdefault(name.lower(), []).append(value)
    return r.status, headers, body


def visit(port, path, variants):
    """One visitor on a new connection: (kind or None, reason or None)."""
    try:
        conn = connect(port)
        try:
            return classify(variants, *ask(conn, path))
        finally:
            conn.close()
    except (OSError, http.client.HTTPException) as e:
        return None, f"socket: {type(e).__name__}: {e}"


def tally(results):
    """`kind:K=N ... wrong=N` and the most frequent reasons of wrong answers."""
    kinds, reasons = {}, {}
    for kind, why in results:
        if kind is None:
            reasons[why] = reasons.get(why, 0) + 1
        else:
            kinds[kind] = kinds.get(kind, 0) + 1
    counts = " ".join(f"kind:{k}={n}" for k, n in sorted(kinds.items()))
    wrong = sum(reasons.values())
    shown = sorted(reasons.items(), key=lambda kv: -kv[1])[:REASONS_SHOWN]
    return f"{counts} wrong={wrong}".strip(), shown


def burst(port, path, n, variants):
    """N connections, then one request each at the same instant."""
    barrier = threading.Barrier(n, timeout=SOCKET_TIMEOUT)
    results = [None] * n
    took = [0.0] * n

    def one(i):
        try:
            conn = connect(port)
        except OSError as e:
            results[i] = (None, f"socket: connect: {e}")
            barrier.abort()
            return
        try:
            barrier.wait()
            start = time.monotonic()
            results[i] = classify(variants, *ask(conn, path))
            took[i] = time.monotonic() - start
        except threading.BrokenBarrierError:
            results[i] = (None, "not started: another visitor could not connect")
        except (OSError, http.client.HTTPException) as e:
            results[i] = (None, f"socket: {type(e).__name__}: {e}")
        finally:
            conn.close()

    # Daemons: a visitor still stuck after its join's bound does not keep the process alive.
    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(3 * SOCKET_TIMEOUT)
    late = sum(t.is_alive() for t in threads)
    results = [r or (None, "no answer in time") for r in results]
    counts, reasons = tally(results)
    print(f"burst answers={n - late} slowest_ms={max(took) * 1000:.0f} {counts}")
    for why, count in reasons:
        print(f"burst-wrong {count} {why}")


def wait_refused(port, deadline):
    """True once nothing accepts connections on the port (before the monotonic deadline)."""
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return True
        time.sleep(0.02)
    return False


def stale(port, path, variants, app_pid, app_port, max_age, stale_if_error):
    """Fill, kill the application, ask in a loop; prints the timeline's summary."""
    kind, why = visit(port, path, variants)
    filled = time.monotonic()
    if kind != "app":
        print(f"stale fill=wrong reason={why!r}")
        return
    os.kill(app_pid, signal.SIGKILL)
    if not wait_refused(app_port, filled + 5):
        print("stale fill=ok killed=no")
        return
    killed = time.monotonic()
    expiry = filled + max_age
    end = expiry + stale_if_error + 3
    answers = []  # (start, end, kind, why), from every visitor
    lock = threading.Lock()

    def loop():
        while time.monotonic() < end:
            start = time.monotonic()
            kind, why = visit(port, path, variants)
            with lock:
                answers.append((start, time.monotonic(), kind, why))
            time.sleep(0.02)

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(end - time.monotonic() + 3 * SOCKET_TIMEOUT)
    report_stale(answers, expiry, killed - filled)


def report_stale(answers, expiry, killed_after):
    """One line: `stale_ms` the start of the last stale answer after the expiry (negative: none
    after it), `page_ms` the start of the first planb page (`-` for none), `page` its kind,
    `back` the stale answers asked after a page had been answered (the copy came back),
    the counts, then the reasons of wrong answers."""
    stale_starts = [s for s, _, k, _ in answers if k == "app"]
    pages = [(s, e, k) for s, e, k, _ in answers if k not in (None, "app")]
    first_page = min(pages) if pages else None
    back = sum(1 for s in stale_starts if first_page and s > first_page[1])
    stale_ms = (max(stale_starts) - expiry) * 1000 if stale_starts else float("-inf")
    page_ms = f"{(first_page[0] - expiry) * 1000:.0f}" if first_page else "-"
    page = first_page[2] if first_page else "-"
    counts, reasons = tally((k, why) for _, _, k, why in answers)
    print(
        f"stale fill=ok killed_after_ms={killed_after * 1000:.0f} answers={len(answers)} "
        f"stale_ms={stale_ms:.0f} page_ms={page_ms} page={page} back={back} {counts}"
    )
    for why, count in reasons:
        print(f"stale-wrong {count} {why}")


def main(args):
    try:
        if args[:1] == ["burst"] and len(args) == 5:
            burst(int(args[1]), args[2], int(args[3]), load_expect(args[4]))
        elif args[:1] == ["stale"] and len(args) == 8:
            numbers = [int(a) for a in args[4:8]]
            stale(int(args[1]), args[2], load_expect(args[3]), *numbers)
        else:
            print(__doc__.split("\n\n")[1], file=sys.stderr)
            return 2
    except ValueError as e:
        print(f"bench/visitors.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
