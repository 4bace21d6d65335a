"""The FastAPI app: the JSON API over a store, its exports, and the browser UI.

    app = create_app("sqlite:///rasd.db")      # in-process (tests, embedding)
    serve("sqlite:///rasd.db", "127.0.0.1", 8000)   # `rasd serve`

Routes live in ``rasd.api.routes``; this module assembles them with the request-size
limit, the error bodies, the security headers and the static UI (``rasd/web``), which the
app serves itself: the pages load nothing from anywhere else.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd.api import routes
from rasd.api.errors import ApiError, error_body
from rasd.api.limits import BodySizeLimit, SecurityHeaders
from rasd.api.stores import AggregateCache, StorePool
from rasd.store.errors import StoreError
from rasd.store.store import SQLITE_PREFIX

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
DEFAULT_MAX_BODY = 2 * 1024 * 1024

DESCRIPTION = """Rasd's events, documents, actors and places over HTTP.

Every event endpoint takes the same filters (type, quad, mode, actor, country,
source_country, target_country, status, since, until, place, q, doc_id, located); one query
feeds the JSON page and every export (CSV, JSON Lines, GeoJSON, PLOVER-style JSON).
Errors are `{"error": {"code": "E6xx", "message": ..., "param": ...}}`."""


def create_app(db_url: str, max_body_bytes: int = DEFAULT_MAX_BODY, warm: bool = True) -> FastAPI:
    """The app over the store at ``db_url`` (opened, and migrated if needed, right away).

    ``max_body_bytes``: larger request bodies get 413. ``warm``: compute the dashboard's
    whole-store aggregates in the background at start-up, so the first visitor waits less.
    """
    pool = _open_pool(db_url)
    app = FastAPI(title="Rasd", version="0.1.0", description=DESCRIPTION,
                  lifespan=_lifespan(pool, warm))
    app.state.stores = pool
    app.state.cache = AggregateCache(pool)
    app.state.max_body_bytes = max_body_bytes
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    _add_error_handlers(app)
    app.include_router(routes.router)
    _add_web(app)
    return app


def _open_pool(db_url: str) -> StorePool:
    if db_url.startswith(SQLITE_PREFIX) and db_url.endswith(":memory:"):
        raise StoreError("E401 rasd serve needs a database file or server, not sqlite:///:memory: "
                         "(each server thread would see its own empty database)")
    pool = StorePool(db_url)
    pool.get()  # fail now, with the store's own error, if the URL is wrong
    return pool


def _lifespan(pool: StorePool, warm: bool):
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm:
            threading.Thread(target=routes.warm_up, args=(app,), daemon=True,
                             name="rasd-warm-up").start()
        yield
        pool.close()

    return lifespan


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(_validation_body(exc), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body(f"H{exc.status_code}", str(exc.detail)),
                            status_code=exc.status_code)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(error_body(str(exc)[:4], str(exc)), status_code=422)


def _validation_body(exc: RequestValidationError) -> dict:
    problems = []
    for err in exc.errors():
        where = [str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path")]
        problems.append({"param": ".".join(where) or None, "message": err.get("msg", "invalid")})
    first = problems[0] if problems else {"param": None, "message": "invalid request"}
    message = f"{first['param']}: {first['message']}" if first["param"] else first["message"]
    return error_body("E601", message, first["param"], problems=problems)


def _add_web(app: FastAPI) -> None:
    index = WEB_DIR / "index.html"

    @app.get("/", include_in_schema=False)
    def home() -> FileResponse:
        return FileResponse(index, media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")


# The store a worker process of `rasd serve --workers N` opens (uvicorn starts each worker
# from an import string, so the URL travels in the environment).
DB_ENV = "RASD_SERVE_DB"


def app_from_environment() -> FastAPI:
    """The app over the store named by ``$RASD_SERVE_DB`` (uvicorn's factory for each worker)."""
    import os

    return create_app(os.environ[DB_ENV])


def serve(db_url: str = "sqlite:///rasd.db", host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Run the app with uvicorn until interrupted (``rasd serve``). With ``workers`` > 1, that
    many processes share the port: requests are served in parallel on several cores (each
    worker holds its own store connections and aggregate cache)."""
    import os

    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(db_url), host=host, port=port, log_level="info")
        return
    _open_pool(db_url).close()  # fail here, once, with the store's own error, if the URL is wrong
    os.environ[DB_ENV] = db_url
    uvicorn.run("rasd.api.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="info")
