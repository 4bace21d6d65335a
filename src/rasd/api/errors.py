"""The API's errors (codes E6xx) and the JSON body every 4xx answer has.

    E601 bad query or body parameter      E602 no such document
    E603 request body over the size limit E604 upload format not readable
    E605 article cannot be coded          E606 benchmark server did not start

Every error answer is ``{"error": {"code": "E601", "message": "...", "param": ...}}``
so a client tells failures apart by code, not by parsing prose.
"""

from __future__ import annotations

from rasd.errors import RasdError


class ApiError(RasdError):
    status = 400
    code = "E600"

    def __init__(self, message: str, param: str | None = None):
        super().__init__(f"{self.code} {message}")
        self.message = message
        self.param = param

    def body(self) -> dict:
        return error_body(self.code, self.message, self.param)


class BadParameter(ApiError):
    status = 422
    code = "E601"

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}", param)


class NotFound(ApiError):
    status = 404
    code = "E602"


class TooLarge(ApiError):
    status = 413
    code = "E603"


class UnsupportedUpload(ApiError):
    status = 415
    code = "E604"


class CannotCode(ApiError):
    status = 422
    code = "E605"


def error_body(code: str, message: str, param: str | None = None, **extra: object) -> dict:
    error = {"code": code, "message": message}
    if param:
        error["param"] = param
    return {"error": error | extra}
