"""Validating real API responses against the ORUK 3.0 schemas copied into oruk/schemas/.

JSON Schema Draft 2020-12 with format checks (uuid, date-time, email, uri…), and `$ref`s
resolved from the local files only: nothing is fetched from the network."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[2] / "oruk" / "schemas"


def _retrieve(uri: str) -> Resource:
    if not uri.startswith("file://"):
        raise LookupError(f"Only local schemas: {uri}")
    path = Path(uri.removeprefix("file://"))
    if SCHEMAS not in path.resolve().parents:
        raise LookupError(f"Not one of the copied schemas: {uri}")
    return Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012)


REGISTRY = Registry(retrieve=_retrieve)


def uri(name: str) -> str:
    return (SCHEMAS / name).resolve().as_uri()


@cache
def validator(name: str, pointer: str = "") -> Draft202012Validator:
    """A validator for the schema in file `name` (at JSON pointer `pointer`, if given)."""
    return Draft202012Validator(
        {"$ref": uri(name) + "#" + pointer}, registry=REGISTRY, format_checker=FormatChecker()
    )


def errors(name: str, instance, pointer: str = "") -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in validator(name, pointer).iter_errors(instance)
    ]


def assert_valid(name: str, instance, pointer: str = "") -> None:
    problems = errors(name, instance, pointer)
    assert not problems, f"{name}{'#' + pointer if pointer else ''}:\n" + "\n".join(problems[:20])


# ORUK's Page, with every paging field required (the validator's own copy of Page sits under a
# key that JSON Schema ignores, so it checks nothing).
PAGE = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "properties": {
        "total_items": {"type": "integer", "minimum": 0},
        "total_pages": {"type": "integer", "minimum": 0},
        "page_number": {"type": "integer", "minimum": 1},
        "size": {"type": "integer", "minimum": 0},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array"},
    },
}


def assert_page(data, item_schema: str) -> None:
    problems = [error.message for error in Draft202012Validator(PAGE).iter_errors(data)]
    assert not problems, problems
    for item in data["contents"]:
        assert_valid(item_schema, item)
