"""Read a YAML file into data with the line and column of every value; locate every problem."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.reader import ReaderError

from tthc_plan.core.problem import Message, MessageError, ProblemReport, msg, verbatim
from tthc_plan.core.source_map import Path_, Position, SourceMap
from tthc_plan.core.text import nfc
from tthc_plan.errors import FileError
from tthc_plan.i18n import N_, _
from tthc_plan.store.files import (
    MAX_FILE_BYTES,
    FileTooLargeError,
    NotRegularFileError,
    read_bounded,
    read_error,
)
from tthc_plan.store.yamlio import Composed, DuplicateKeyError, TooLargeError, compose

_LEADING_TABS = re.compile(r"^ *\t")


def _read_text(path: Path, problems: ProblemReport, data: bytes | None) -> str | None:
    try:
        if data is None:
            data = read_bounded(path)
    except FileTooLargeError as error:
        problems.error(
            Position(1, 1),
            "FILE_TOO_LARGE",
            msg(
                "Tệp nặng {size} MB: quá lớn cho một kế hoạch (tối đa {limit} MB).",
                size=error.size // (1024 * 1024),
                limit=MAX_FILE_BYTES // (1024 * 1024),
            ),
            msg("Kiểm tra đúng là tệp kế hoạch; tách kế hoạch lớn thành nhiều tệp."),
        )
        return None
    except NotRegularFileError as error:
        raise error.refusal() from None
    except IsADirectoryError:
        raise FileError(_("«{path}» là một thư mục, không phải tệp.").format(path=path)) from None
    except FileNotFoundError:
        raise FileError(_("Không tìm thấy tệp «{path}».").format(path=path)) from None
    except OSError as error:
        raise read_error(path, error.strerror) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        problems.error(
            Position(line, col),
            "ENCODING",
            msg(
                "Tệp không phải UTF-8 (byte {byte} không đọc được).",
                byte=f"0x{data[error.start]:02X}",
            ),
            msg("Mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Save As, Encoding: UTF-8)."),
        )
        return None
    return nfc(text).replace("\r\n", "\n")


def _check_layout(text: str, problems: ProblemReport, *, allow_empty: bool) -> bool:
    """Report what YAML itself would explain badly; return False to stop there."""
    empty = not any(
        line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()
    )
    if empty and not allow_empty:
        problems.error(
            Position(1, 1),
            "EMPTY_FILE",
            msg("Tệp không có nội dung."),
            msg("Một tệp kế hoạch cần có ít nhất các mục plan, units và sections."),
        )
        return False
    for number, line in enumerate(text.splitlines(), start=1):
        if _LEADING_TABS.match(line):
            problems.error(
                Position(number, line.index("\t") + 1),
                "TAB_INDENT",
                msg("Dòng thụt lề bằng ký tự Tab; YAML chỉ cho phép dấu cách."),
                msg("Thay mỗi Tab ở đầu dòng bằng dấu cách (2 dấu cách cho mỗi bậc)."),
            )
    return not problems.items


def _parse_yaml(text: str, problems: ProblemReport) -> Composed | None:
    try:
        return compose(text)
    except ReaderError as error:  # a control character (NUL, form feed...): not a MarkedYAMLError
        before = text[: error.position]
        where = Position(before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        problems.error(
            where,
            "YAML_SYNTAX",
            msg("Tệp có ký tự điều khiển (mã U+{code:04X}) mà YAML không cho phép.", code=code),
            msg("Xóa ký tự này (thường lẫn vào khi chép từ Word hoặc PDF)."),
        )
    except DuplicateKeyError as error:
        message = msg(
            "Khóa «{key}» bị lặp lại trong cùng một mục (lần đầu ở dòng {line}).",
            key=str(error.key),
            line=error.first_line + 1,
        )
        problems.error(
            Position(error.line + 1, error.column + 1),
            "DUPLICATE_KEY",
            message,
            msg("Xóa một trong hai dòng, hoặc gộp nội dung của chúng."),
        )
    except TooLargeError as error:
        problems.error(
            Position(error.line + 1, error.column + 1),
            "YAML_SYNTAX",
            msg("Tệp lồng nhau quá sâu hoặc dùng bí danh YAML (&tên, *tên) đến mức không đọc hết."),
            msg("Viết thẳng nội dung thay cho các bí danh; bớt các tầng lồng nhau."),
        )
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        if "document" in str(error.problem or "") and "single" in str(error.context or ""):
            problems.error(
                where,
                "MULTIPLE_DOCUMENTS",
                msg("Tệp có nhiều tài liệu YAML (dấu ---); mỗi tệp chỉ chứa một kế hoạch."),
                msg("Tách mỗi kế hoạch ra một tệp riêng."),
            )
        else:
            problems.error(
                where,
                "YAML_SYNTAX",
                msg("Lỗi cú pháp YAML: {problem}.", problem=_yaml_problem(error)),
                msg("Kiểm tra thụt lề, dấu hai chấm và dấu nháy ở dòng này và dòng trên."),
            )
    return None


# ruamel.yaml's most common complaints, said in the users' language.
_YAML_PROBLEMS = {
    "found unexpected end of stream": N_("tệp kết thúc giữa chừng, có thể thiếu dấu nháy đóng"),
    "mapping values are not allowed": N_(
        "không được có «: » ở đây; giá trị có «: » phải đặt trong dấu nháy"
    ),
    "could not find expected ':'": N_("thiếu dấu hai chấm sau tên trường"),
    "did not find expected key": N_("thụt lề không khớp với các dòng trên"),
    "did not find expected '-' indicator": N_("thụt lề không khớp với các dòng trên"),
    "found undefined alias": N_("dùng bí danh (*tên) chưa được khai báo"),
    "found character that cannot start any token": N_("có ký tự không được đứng ở đây"),
    "while parsing a block mapping": N_("thụt lề không khớp với các dòng trên"),
    "could not determine a constructor for the tag": N_(
        "thẻ YAML «!...» không dùng được trong tệp kế hoạch; xóa thẻ, chỉ ghi giá trị"
    ),
    "block sequence entries are not allowed": N_(
        "không được có «- » ở đây: danh sách phải xuống dòng và thụt lề dưới tên trường"
    ),
    "expected <block end>": N_("thụt lề không khớp với các dòng trên"),
    "expected ',' or ']'": N_("danh sách «[...]» chưa đóng, hoặc thiếu dấu phẩy"),
    "expected ',' or '}'": N_("mục «{...}» chưa đóng, hoặc thiếu dấu phẩy"),
    "found unknown escape character": N_("có «\\» lạ trong chữ đặt giữa nháy kép"),
    "found a tab character": N_("có ký tự tab ở chỗ thụt lề: thụt lề bằng dấu cách"),
}


def _yaml_problem(error: MarkedYAMLError) -> Message:
    problem = str(error.problem or "")
    known = next((v for k, v in _YAML_PROBLEMS.items() if problem.startswith(k)), None)
    # A problem the parser words in English and we have not met: said in the user's
    # language, the parser's words kept in brackets for whoever knows them.
    text = Message.of(known) if known else msg("cú pháp YAML sai ở đây ({detail})", detail=problem)
    mark = error.context_mark
    if mark is not None and error.problem_mark is not None and mark.line != error.problem_mark.line:
        text = text.then(
            msg("(bắt đầu từ dòng {line}, cột {col})", line=mark.line + 1, col=mark.column + 1)
        )
    return text


_TYPE_MESSAGES = {
    "missing": N_("Thiếu trường bắt buộc «{field}»."),
    "extra_forbidden": N_("Trường «{field}» không có trong mẫu kế hoạch."),
    "string_type": N_("«{field}» phải là chữ (văn bản)."),
    "string_too_short": N_("«{field}» không được để trống."),
    "string_pattern_mismatch": N_("«{field}» viết sai dạng: cần khớp mẫu {pattern}."),
    "int_type": N_("«{field}» phải là một số nguyên."),
    "int_parsing": N_("«{field}» phải là một số nguyên."),
    "float_type": N_("«{field}» phải là một số."),
    "float_parsing": N_("«{field}» phải là một số."),
    "finite_number": N_("«{field}» phải là một số có thật (không phải .nan hay .inf)."),
    "too_short": N_("«{field}» không được để trống."),
    "bool_type": N_("«{field}» phải là true hoặc false."),
    "bool_parsing": N_("«{field}» phải là true hoặc false."),
    "list_type": N_("«{field}» phải là một danh sách."),
    "model_type": N_("«{field}» phải là một mục có các trường con."),
    "model_attributes_type": N_("«{field}» phải là một mục có các trường con."),
    "dict_type": N_("«{field}» phải là một mục có các trường con."),
    "enum": N_("«{field}» chỉ nhận một trong các giá trị: {expected}."),
    "greater_than_equal": N_("«{field}» phải lớn hơn hoặc bằng {ge}."),
    "less_than_equal": N_("«{field}» phải nhỏ hơn hoặc bằng {le}."),
    "date_type": N_("«{field}» phải là một ngày (DD/MM/YYYY hoặc YYYY-MM-DD)."),
}


def _describe(error: ErrorDetails, field_name: str) -> Message:
    context = dict(error.get("ctx") or {})
    if error["type"] == "value_error":
        reason = context.get("error")
        if isinstance(reason, MessageError):
            return reason.message
        return verbatim(str(reason if reason is not None else error["msg"]))
    template = _TYPE_MESSAGES.get(error["type"])
    if template is None:  # pydantic's own words are English: name the kind of error only
        return msg("Giá trị của «{field}» không hợp lệ ({kind}).", field=field_name,
                   kind=error["type"])  # fmt: skip
    if error["type"] == "enum":
        # pydantic writes "'done', 'start' or 'reopen'": the words, in no language.
        context["expected"] = ", ".join(
            f"«{v}»" for v in re.findall(r"'([^']*)'", str(context.get("expected", "")))
        )
    return Message.of(template, field=field_name, **context)


class _Located(NamedTuple):
    """Where a pydantic error is in the data, and whether it is a union's branch refusing the
    value's type ("list[function-after[...]]": not a list), which another branch may explain."""

    path: Path_
    branch: Path_ | None  # the union's own place, when the error is its branch's
    wrong_branch: bool  # the error only says the value is not of this branch's type


def _data_path(data: object, detail: ErrorDetails) -> _Located:
    """Map a pydantic error location onto the data, dropping union branch names.

    A union names its branch in the location ("lead", "list[function-after[...]]", 1):
    not in the file. A field's own name is kept even when absent (a missing field).
    """
    loc = detail["loc"]
    path: list[str | int] = []
    branch: Path_ | None = None
    node = data
    for index, part in enumerate(loc):
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]  # type: ignore[index]
            path.append(part)
        elif index < len(loc) - 1 or detail["type"] != "missing":
            branch = tuple(path)  # "str", "list[str]", "function-before[...]": not in the file
        else:
            path.append(part)
    wrong = branch == tuple(path) and detail["type"].endswith("_type")
    return _Located(tuple(path), branch, wrong)


_CODES = {"missing": "MISSING_FIELD", "extra_forbidden": "UNKNOWN_FIELD"}
_HINTS = {
    "MISSING_FIELD": N_("Thêm trường này (xem plans/2024.yaml làm mẫu)."),
    "UNKNOWN_FIELD": N_("Kiểm tra chính tả tên trường, hoặc xóa trường này."),
    "INVALID_VALUE": N_("Sửa giá trị theo đúng kiểu của trường (xem plans/2024.yaml làm mẫu)."),
}


def schema_problems(
    error: ValidationError, data: object, source: SourceMap, problems: ProblemReport
) -> None:
    """Report each pydantic error at the place in the file it is about."""
    details = [(detail, _data_path(data, detail)) for detail in error.errors(include_url=False)]
    # A union reports each of its branches. A text with an ESC fails the text branch for
    # the ESC and the list branch for not being a list: the first says what is wrong, the
    # second would name the branch in pydantic's words. Say why a branch refused the value,
    # and only when every branch refused its type, that the type is wrong (once).
    explained = {
        located.branch
        for _detail, located in details
        if located.branch is not None and not located.wrong_branch
    }
    seen: set[Path_] = set()
    for detail, located in details:
        path = located.path
        if located.wrong_branch and located.branch in explained:
            continue
        if path in seen:
            continue  # say it once
        seen.add(path)
        code = _CODES.get(detail["type"], "INVALID_VALUE")
        if code == "UNKNOWN_FIELD":
            where = source.key(path)
        elif code == "MISSING_FIELD":
            where = source.value(path[:-1])
        else:
            where = source.value(path)
        field_name = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        problems.error(where, code, _describe(detail, field_name), Message.of(_HINTS[code]))


def read_yaml(
    path: Path, problems: ProblemReport, *, allow_empty: bool = False, data: bytes | None = None
) -> tuple[Any, SourceMap] | None:
    """Read, decode and parse a YAML file; None (with the problems reported) if it cannot be.

    `data`: the file's bytes when the caller has read them already (the cache keys
    its entries by the very bytes parsed).
    """
    text = _read_text(path, problems, data)
    if text is None or not _check_layout(text, problems, allow_empty=allow_empty):
        return None
    composed = _parse_yaml(text, problems)
    if composed is None:
        return None
    source = SourceMap(composed.values, composed.keys)
    return composed.data, source
