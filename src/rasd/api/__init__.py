"""The HTTP service: a JSON API over the store, exports, and the browser UI (``rasd serve``).

    from rasd.api import create_app, serve, api_latency_bench
"""

from __future__ import annotations


def create_app(db_url: str, **options):
    from rasd.api.app import create_app as _create_app  # FastAPI is imported on use only

    return _create_app(db_url, **options)


def serve(db_url: str = "sqlite:///rasd.db", host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    from rasd.api.app import serve as _serve

    _serve(db_url, host, port, workers)


def api_latency_bench(db_url: str, requests: int = 400, concurrency: int = 8,
                      max_seconds: float = 60.0, workers: int = 1) -> dict:
    from rasd.api.bench import api_latency_bench as _bench

    return _bench(db_url, requests=requests, concurrency=concurrency, max_seconds=max_seconds, workers=workers)


__all__ = ["api_latency_bench", "create_app", "serve"]
