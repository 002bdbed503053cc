"""From a validated model to the plain class of core/model.py that the program uses."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter

from tthc_plan.core import model
from tthc_plan.store.schema import info, plan, records, tasks

# Each pydantic model and the plain core.model class it turns into, once valid.
PLAIN_CLASSES: dict[type[BaseModel], type] = {
    info.Signer: model.Signer,
    info.Documents: model.Documents,
    info.Decision: model.Decision,
    info.LegalBasis: model.LegalBasis,
    info.PlanInfo: model.PlanInfo,
    info.Reporting: model.Reporting,
    info.Calendar: model.Calendar,
    info.Closed: model.Closed,
    info.Unit: model.Unit,
    tasks.Inferred: model.Inferred,
    tasks.Correction: model.Correction,
    tasks.Review: model.Review,
    tasks.ExplicitDates: model.ExplicitDates,
    tasks.Task: model.Task,
    tasks.Section: model.Section,
    tasks.Target: model.Target,
    plan.Plan: model.Plan,
    records.ProgressRecord: model.ProgressRecord,
    records.Source: model.Source,
    records.Measurement: model.Measurement,
}
_VALIDATORS: dict[type, type[BaseModel]] = {plain: valid for valid, plain in PLAIN_CLASSES.items()}

_Plain = TypeVar("_Plain")


def validate(kind: type[_Plain], data: object) -> _Plain:
    """Validate `data` as the core.model class `kind`; raise pydantic's ValidationError."""
    return to_model(_VALIDATORS[kind].model_validate(data), kind)


def validate_list(kind: type[_Plain], data: object) -> list[_Plain]:
    """Validate `data` as a list of the core.model class `kind` (a progress log, measurements)."""
    adapter = _list_adapter(_VALIDATORS[kind])
    return [to_model(value, kind) for value in adapter.validate_python(data)]


@cache
def _list_adapter(item: type[BaseModel]) -> TypeAdapter[list[Any]]:
    # Built on first use, once per class. mypy cannot check a class chosen at run time.
    return TypeAdapter(list[item])  # type: ignore[valid-type]


def to_model(value: BaseModel, kind: type[_Plain]) -> _Plain:
    """Return the plain core.model object of a validated one (kind: its core.model class)."""
    plain = _plain(value)
    if not isinstance(plain, kind):
        raise TypeError(f"{type(value).__name__} is not a {kind.__name__}")
    return plain


def _plain(value: object) -> object:
    if type(value) is list:
        return [_plain(item) for item in value]
    target = PLAIN_CLASSES.get(type(value))  # type: ignore[arg-type]
    if target is None:
        return value  # text, numbers, dates, enums
    # A validated model holds exactly its fields, in order, in its __dict__.
    return target(**{name: _plain(item) for name, item in vars(value).items()})
