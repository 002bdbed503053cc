"""The units registry and name matching."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import PLAN_2024
from tthc_plan.core.model import Unit, UnitKind
from tthc_plan.core.text import fold
from tthc_plan.core.units import RegistryWork, UnitLookupError, UnitRegistry
from tthc_plan.store import cache
from tthc_plan.store.loader import load_plan_file


@pytest.fixture(scope="module", params=["built", "read back"])
def registry(request: pytest.FixtureRequest) -> UnitRegistry:
    """A registry built from the units, or one restored from a cache entry's state."""
    plan = load_plan_file(PLAN_2024).parts.plan
    assert plan is not None
    built = UnitRegistry(plan.units)
    if request.param == "built":
        return built
    for task in plan.tasks():  # as the check of a plan does before its entry is stored
        for cells in (task.lead, task.support):
            for cell in [cells] if isinstance(cells, str) else cells or []:
                built.split_cell(cell)
    for unit in plan.units:
        built.members(unit)
    codec = cache.Codec[RegistryWork]("registry", RegistryWork)
    return UnitRegistry(plan.units, codec.decode(codec.encode(built.work())))


@pytest.mark.parametrize(
    ("name", "unit_id"),
    [
        ("Thanh tra huyện", "thanh-tra-huyen"),
        ("thanh tra huyen", "thanh-tra-huyen"),
        ("THANH TRA HUYỆN", "thanh-tra-huyen"),
        (unicodedata.normalize("NFD", "Thanh tra huyện"), "thanh-tra-huyen"),
        ("Thanh tra", "thanh-tra-huyen"),
        ("Xã Nhân Cơ", "xa-nhan-co"),
        ("UBND xã Nhân Cơ", "xa-nhan-co"),
        ("nhan co", "xa-nhan-co"),
        ("Đắk Wer", "xa-dak-wer"),
        ("dak wer", "xa-dak-wer"),
        ("Thị trấn Kiến Đức", "tt-kien-duc"),
        ("Kiến Đức", "tt-kien-duc"),
        ("Văn phòng HĐND và UBND huyện", "vp-hdnd-ubnd"),
        ("Văn phòng HĐND - UBND huyện", "vp-hdnd-ubnd"),
        ("Văn phòng HĐND&UBND huyện", "vp-hdnd-ubnd"),
        ("VP HĐND-UBND", "vp-hdnd-ubnd"),
        ("Văn phòng HĐND", "vp-hdnd-ubnd"),
        ("Bộ phận Một cửa", "bp-mot-cua"),
        ("Phòng TC-KH", "phong-tc-kh"),
        ("phòng tài chính - kế hoạch", "phong-tc-kh"),
        ("Phòng Văn hoá và Thông tin", "phong-vh-tt"),
        ("UBND các xã, thị trấn", "ubnd-cac-xa-thi-tran"),
        ("UBND các xã thị trấn", "ubnd-cac-xa-thi-tran"),
        ("Các cơ quan, đơn vị liên quan", "cac-don-vi-lien-quan"),
        ("thanh-tra-huyen", "thanh-tra-huyen"),
    ],
)
def test_resolve(registry: UnitRegistry, name: str, unit_id: str) -> None:
    assert registry.resolve(name).id == unit_id


def test_unknown_name_lists_closest(registry: UnitRegistry) -> None:
    with pytest.raises(UnitLookupError) as caught:
        registry.resolve("Thanh tra tinh")
    assert caught.value.suggestions[0] == "Thanh tra huyện"
    assert str(caught.value).startswith(
        "Không có đơn vị nào tên «Thanh tra tinh». Gần giống: «Thanh tra huyện»"
    )


def test_ambiguous_name_lists_candidates(registry: UnitRegistry) -> None:
    with pytest.raises(UnitLookupError) as caught:
        registry.resolve("Đắk")
    assert caught.value.suggestions == ("Xã Đắk Wer", "Xã Đắk Sin", "Xã Đắk Ru")
    assert str(caught.value) == (
        "Tên đơn vị «Đắk» chưa rõ: có thể là «Xã Đắk Wer», «Xã Đắk Sin», «Xã Đắk Ru». "
        "Hãy ghi đầy đủ hơn."
    )


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        (
            "Các phòng chuyên môn, UBND các xã, thị trấn",
            ["cac-phong-chuyen-mon", "ubnd-cac-xa-thi-tran"],
        ),
        (
            "Văn phòng HĐND - UBND huyện và các đơn vị liên quan",
            ["vp-hdnd-ubnd", "cac-don-vi-lien-quan"],
        ),
        ("Phòng Nội vụ, Văn phòng HĐND - UBND huyện", ["phong-noi-vu", "vp-hdnd-ubnd"]),
        (
            "Văn phòng HĐND - UBND huyện Các phòng chuyên môn, UBND các xã, thị trấn",
            ["vp-hdnd-ubnd", "cac-phong-chuyen-mon", "ubnd-cac-xa-thi-tran"],
        ),
        ("Văn phòng HĐND - UBND huyện (Bộ phận tiếp nhận và trả kết quả)", ["bp-mot-cua"]),
        ("- UBND huyện (Bộ phận tiếp nhận và trả kết quả)", ["bp-mot-cua"]),
        ("Thanh tra huyện, Văn phòng HĐND - UBND huyện", ["thanh-tra-huyen", "vp-hdnd-ubnd"]),
        ("Phòng Lao động - Thương binh và Xã hội", ["phong-ld-tb-xh"]),
    ],
)
def test_split_cell(registry: UnitRegistry, cell: str, ids: list[str]) -> None:
    found, unknown = registry.split_cell(cell)
    assert [m.unit.id for m in found] == ids
    assert unknown == []


def test_split_cell_reports_unknown_part_with_span(registry: UnitRegistry) -> None:
    cell = "Thanh tra huyện, Phòng Ngoại giao"
    found, unknown = registry.split_cell(cell)
    assert [m.unit.id for m in found] == ["thanh-tra-huyen"]
    assert [(u.text, u.start, u.end) for u in unknown] == [("Phòng Ngoại giao", 17, 33)]


def test_groups_expand_to_members(registry: UnitRegistry) -> None:
    communes = registry.members(registry.resolve("UBND các xã, thị trấn"))
    assert [u.name for u in communes] == [
        "Thị trấn Kiến Đức",
        "Xã Quảng Tín",
        "Xã Đắk Wer",
        "Xã Nhân Cơ",
        "Xã Kiến Thành",
        "Xã Nghĩa Thắng",
        "Xã Đạo Nghĩa",
        "Xã Đắk Sin",
        "Xã Hưng Bình",
        "Xã Đắk Ru",
        "Xã Nhân Đạo",
    ]
    departments = registry.members(registry.resolve("Các phòng chuyên môn"))
    assert len(departments) == 10
    assert registry.resolve("Thanh tra huyện") not in departments
    open_group = registry.resolve("Các đơn vị liên quan")
    assert registry.members(open_group) == [open_group]


def test_registry_has_no_clashing_names(registry: UnitRegistry) -> None:
    assert registry.clashes() == []


def test_fold_maps_d_stroke_and_keeps_length() -> None:
    assert fold("Đắk R’lấp") == "dak r'lap"
    assert len(fold("Văn hóa")) == len("Văn hóa")


_NAMES = ["Thanh tra huyện", "Xã Đạo Nghĩa", "Phòng Giáo dục và Đào tạo", "Xã Đắk Ru"]


@given(st.sampled_from(_NAMES), st.sampled_from(["NFC", "NFD"]), st.booleans(), st.booleans())
def test_matching_ignores_form_case_and_diacritics(
    registry: UnitRegistry, name: str, form: str, upper: bool, strip: bool
) -> None:
    typed = fold(name) if strip else name
    typed = typed.upper() if upper else typed
    typed = unicodedata.normalize(form, typed)  # type: ignore[arg-type]
    assert registry.resolve(typed).name == name


def test_groups_that_contain_each_other_do_not_loop() -> None:
    units = [
        Unit(id="a", name="Nhóm A", kind=UnitKind.GROUP, members=["b", "x"]),
        Unit(id="b", name="Nhóm B", kind=UnitKind.GROUP, members=["a", "y"]),
        Unit(id="x", name="Xã X", kind=UnitKind.COMMUNE),
        Unit(id="y", name="Xã Y", kind=UnitKind.COMMUNE),
    ]
    registry = UnitRegistry(units)
    assert [u.id for u in registry.members(units[0])] == ["y", "x"]
    assert [u.id for u in registry.members(units[1])] == ["x", "y"]


def test_a_unit_is_found_by_its_words_whatever_the_joiners_accents_and_case() -> None:
    """Issue 27: "phong van hoa xa hoi" finds "Phòng Văn hóa - Xã hội"."""
    units = [
        Unit(id="vhxh", name="Phòng Văn hóa - Xã hội", kind=UnitKind.DEPARTMENT),
        Unit(id="vhtt", name="Phòng Văn hóa và Thông tin", kind=UnitKind.DEPARTMENT),
        Unit(id="vp", name="Văn phòng HĐND và UBND xã", kind=UnitKind.OFFICE),
    ]
    registry = UnitRegistry(units)
    for typed in ("phong van hoa xa hoi", "van hoa xa hoi", "van hoa - xa hoi",
                  "PHÒNG VĂN HÓA XÃ HỘI", "Văn hoá, Xã hội"):  # fmt: skip
        assert registry.resolve(typed).id == "vhxh", typed
    for typed in ("phong van hoa thong tin", "van hoa va thong tin", "Văn hóa thông tin"):
        assert registry.resolve(typed).id == "vhtt", typed
    with pytest.raises(UnitLookupError, match="chưa rõ"):
        registry.resolve("van hoa")  # both
