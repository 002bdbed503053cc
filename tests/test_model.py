"""The plain classes of model.py and the pydantic models of store/schema/ stay in step."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest
from pydantic import BaseModel, ValidationError

from tests.conftest import PLAN_2024
from tthc_plan.core import model
from tthc_plan.store import schema
from tthc_plan.store.loader import load_plan_file
from tthc_plan.store.schema.fields import FileModel

# Every model of the package, whichever of its modules holds it.
VALIDATORS = FileModel.__subclasses__()


def test_every_validator_has_its_plain_class() -> None:
    assert set(schema.PLAIN_CLASSES) == set(VALIDATORS)
    assert {validator.__name__ for validator in VALIDATORS} <= set(schema.__all__)
    for validator, plain in schema.PLAIN_CLASSES.items():
        assert plain.__module__ == model.__name__
        fields = msgspec.structs.fields(plain)
        assert [f.name for f in fields] == list(validator.model_fields), validator.__name__
        defaults = {
            f.name: model.to_json_data(
                f.default if f.default_factory is msgspec.NODEFAULT else f.default_factory()
            )
            for f in fields
            if not f.required
        }
        expected = {
            name: _json(info.get_default(call_default_factory=True))
            for name, info in validator.model_fields.items()
            if not info.is_required()
        }
        assert defaults == expected, validator.__name__


def _json(value: object) -> object:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def test_the_2024_plan_loads_as_plain_data() -> None:
    plan = load_plan_file(PLAN_2024).parts.plan
    assert type(plan) is model.Plan
    task = next(t for t in plan.tasks() if t.id == "II.1")
    assert type(task) is model.Task
    assert type(plan.plan.decision.date) is date
    assert model.to_json_data(task.inferred) == []
    assert model.to_json_data(plan.plan.decision)["date"] == "2023-12-29"


def test_validate_normalises_like_the_file_loader() -> None:
    unit = schema.validate(model.Unit, {"id": "x", "name": " Xa\u0303 X ", "kind": "commune"})
    assert unit == model.Unit(id="x", name="Xã X", kind=model.UnitKind.COMMUNE)
    with pytest.raises(ValidationError):
        schema.validate(model.Unit, {"id": "X Y", "name": "", "kind": "commune"})
