"""API latency under concurrent load on loopback (``rasd bench api``).

Starts the real server (uvicorn, in a thread, on a free loopback port) over the given store,
asks each URL of a dashboard-like mix once cold, then sends the mix round-robin from
``concurrency`` client threads until ``requests`` answers or ``max_seconds`` pass, and
reports percentiles overall and per endpoint. The client is the standard library's, so the
benchmark needs nothing beyond the runtime dependencies.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from itertools import count

from rasd.errors import RasdError

# (name, path): what the UI asks for when an analyst opens, filters and reads.
WORKLOAD = (
    ("events_page", "/api/events?sort=-published&limit=50"),
    ("events_aid_tur", "/api/events?type=AID&source_country=TUR&sort=-published&limit=50"),
    ("events_assault_yem", "/api/events?type=ASSAULT&country=YEM&sort=-published&limit=50&offset=50"),
    ("events_actor", "/api/events?actor=houthi&sort=-published&limit=50"),
    ("events_since", "/api/events?since=2015-07&until=2015-07-15&sort=-published&limit=50"),
    ("events_text", "/api/events?q=%D8%A7%D9%84%D8%AD%D9%88%D8%AB%D9%8A&sort=-published&limit=50"),
    ("documents", "/api/documents?limit=50"),
    ("stats", "/api/stats"),
    ("stats_aid", "/api/stats?type=AID"),
    ("actors", "/api/actors?limit=50"),
    ("network", "/api/network?max_edges=120"),
    ("places", "/api/places?limit=50"),
    ("map_geojson", "/api/events.geojson?limit=3000&sort=-published"),
)


def api_latency_bench(db_url: str, requests: int = 400, concurrency: int = 8,
                      max_seconds: float = 60.0, workers: int = 1) -> dict:
    """Latency percentiles (ms) of the API over ``db_url``; bounded by count and time. With
    ``workers`` > 1 the server is ``rasd serve --workers N`` in its own processes."""
    requests, concurrency = max(1, int(requests)), max(1, int(concurrency))
    server = _running_server(db_url) if workers <= 1 else _server_processes(db_url, workers)
    with server as base:
        workload = list(WORKLOAD) + _document_urls(base)
        cold = {name: round(_timed_get(base + path)[0], 1) for name, path in workload}
        samples, errors, elapsed = _load(base, workload, requests, concurrency, max_seconds)
    return {
        "db": db_url, "requests": sum(len(v) for v in samples.values()), "errors": errors,
        "concurrency": concurrency, "server_workers": max(1, workers), "seconds": round(elapsed, 2),
        "throughput_rps": round(sum(len(v) for v in samples.values()) / elapsed, 1) if elapsed else None,
        "overall_ms": _percentiles([ms for v in samples.values() for ms in v]),
        "by_endpoint_ms": {name: _percentiles(v) for name, v in samples.items()},
        "cold_ms": cold,
    }


def _document_urls(base: str) -> list[tuple[str, str]]:
    import json

    with urllib.request.urlopen(base + "/api/events?type=ASSAULT&limit=1&sort=-published") as r:
        items = json.loads(r.read())["items"]
    return [("document", f"/api/documents/{items[0]['doc_id']}")] if items else []


def _load(base: str, workload: list, requests: int, concurrency: int,
          max_seconds: float) -> tuple[dict[str, list[float]], int, float]:
    samples: dict[str, list[float]] = {name: [] for name, _ in workload}
    errors = [0]
    lock = threading.Lock()
    tickets = count()
    began = time.perf_counter()
    deadline = began + max_seconds

    def worker() -> None:
        while time.perf_counter() < deadline:
            n = next(tickets)
            if n >= requests:
                return
            name, path = workload[n % len(workload)]
            ms, ok = _timed_get(base + path)
            with lock:
                samples[name].append(ms)
                errors[0] += not ok

    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    return samples, errors[0], time.perf_counter() - began


def _timed_get(url: str) -> tuple[float, bool]:
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        ok = False
    return (time.perf_counter() - began) * 1000, ok


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)  # noqa: E731
    return {"n": len(ordered), "p50": pick(0.50), "p90": pick(0.90), "p95": pick(0.95),
            "p99": pick(0.99), "max": round(ordered[-1], 1), "mean": round(statistics.fmean(ordered), 1)}


class _running_server:
    """uvicorn serving ``create_app(db_url)`` on a free loopback port, for a ``with`` block."""

    def __init__(self, db_url: str):
        self.db_url = db_url

    def __enter__(self) -> str:
        import uvicorn

        from rasd.api.app import create_app

        port = _free_port()
        config = uvicorn.Config(create_app(self.db_url, warm=False), host="127.0.0.1", port=port,
                                log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True, name="rasd-bench-server")
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        if not self.server.started:
            raise RasdError("E606 the API server did not start within 60 s")
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _server_processes:
    """``rasd serve --workers N`` on a free loopback port, in child processes, for a ``with`` block."""

    def __init__(self, db_url: str, workers: int):
        self.db_url, self.workers = db_url, workers

    def __enter__(self) -> str:
        import subprocess
        import sys

        port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from rasd.api import serve; import sys; "
             "serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]), int(sys.argv[3]))",
             self.db_url, str(port), str(self.workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RasdError(f"E606 the API server exited with code {self.process.returncode}")
            if _timed_get(base + "/api/stats")[1]:
                return base
            time.sleep(0.2)
        self.__exit__()
        raise RasdError("E606 the API server did not start within 90 s")

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except Exception:  # noqa: BLE001 - a worker that ignores SIGTERM is killed
            self.process.kill()
