"""The API's one error shape: ``{"detail": "...", "errors": [{"parameter", "message"}]}``."""


class ApiError(Exception):
    """A parameter that cannot be used: answered 400 with its message."""

    def __init__(self, parameter: str | None, message: str, *more: tuple[str | None, str]):
        super().__init__(message)
        self.errors = [(parameter, message), *more]


def error_body(detail: str, errors=()) -> dict:
    return {
        "detail": detail,
        "errors": [{"parameter": name, "message": message} for name, message in errors],
    }
