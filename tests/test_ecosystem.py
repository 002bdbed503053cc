"""tthc in other people's tools: the JSON Schema, pre-commit, packaging."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import PLAN_2024, ROOT, TthcRunner
from tthc_plan.cli import app
from tthc_plan.store.schema import plan_json_schema

SCHEMA = ROOT / "schema" / "plan.schema.json"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `make test`, which installs the test extra")
    return found


def test_committed_schema_matches_the_models() -> None:
    """Regenerate with: .venv/bin/tthc schema > schema/plan.schema.json"""
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == plan_json_schema()
    printed = TthcRunner().invoke(app, ["schema"]).stdout
    assert json.loads(printed) == committed


def test_every_field_has_a_vietnamese_title_and_description() -> None:
    schema = plan_json_schema()
    models = {name: d for name, d in schema["$defs"].items() if "properties" in d}
    models["Plan"] = schema
    missing = [
        f"{model}.{field}"
        for model, definition in models.items()
        for field, spec in definition["properties"].items()
        if not spec.get("title") or not spec.get("description")
    ]
    assert missing == []


def test_shipped_plan_names_its_schema() -> None:
    first = PLAN_2024.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (PLAN_2024.parent / "../schema/plan.schema.json").resolve() == SCHEMA


def test_check_jsonschema_accepts_the_shipped_plan_and_rejects_a_broken_one() -> None:
    tool = _tool("check-jsonschema")
    good = subprocess.run(
        [tool, "--schemafile", str(SCHEMA), str(PLAN_2024)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    broken = ROOT / "tests" / "data" / "broken.yaml"
    bad = subprocess.run(
        [tool, "--schemafile", str(SCHEMA), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "'titel' was unexpected" in bad.stdout


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _snapshot_of_this_checkout(target: Path) -> str:
    """Commit this checkout's files as they are (changes not committed yet too) in a new
    repository at `target`, as `pre-commit try-repo` does; return the commit."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode("utf-8")  # fmt: skip
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a file deleted but not yet committed is left out
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, text=True, check=True
    )
    return head.stdout.strip()


@pytest.mark.slow
def test_pre_commit_hook_with_the_real_pre_commit(tmp_path: Path) -> None:
    """The real pre-commit installs the hook of this checkout, named by a plans repository's
    .pre-commit-config.yaml as the hooks file says, and runs it on a good and a broken plan.

    (`pre-commit try-repo` installed it again for each run, in a store of its own: 14 s.)
    """
    if not (ROOT / ".git").exists():
        pytest.skip("the hook is installed from a git commit of this checkout")
    hooks = tmp_path / "tthc"
    hooks.mkdir()
    rev = _snapshot_of_this_checkout(hooks)
    repo = tmp_path / "plans-repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(PLAN_2024, repo / "plans" / "2024.yaml")
    shutil.copy(ROOT / "tests" / "data" / "broken.yaml", repo / "plans" / "broken.yaml")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_posix()}\n    rev: {rev}\n    hooks:\n"
        "      - id: tthc-validate\n",
        encoding="utf-8",
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    # PIP_COMPILE=false: pip leaves the hook's 1,900 modules uncompiled (3 s of CPU);
    # the two runs compile the few that tthc validate imports.
    env = os.environ | {
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "TTHC_LANG": "vi",
        "PIP_COMPILE": "false",
    }
    env.pop("GITHUB_ACTIONS", None)

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_tool("pre-commit"), "run", "tthc-validate", "--files", *files],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    good = run("plans/2024.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "tthc validate (kế hoạch kiểm soát TTHC)" in good.stdout
    assert "Passed" in good.stdout
    bad = run("plans/2024.yaml", "plans/broken.yaml")  # the environment installed once
    assert bad.returncode == 1
    assert "Failed" in bad.stdout
    assert (
        "plans/broken.yaml:7:13: error INVALID_VALUE Múi giờ «Asia/Ha_Noi» không tồn tại."
        in bad.stdout
    )


@pytest.mark.slow
def test_wheel_and_sdist_build_with_everything_needed_at_run_time(tmp_path: Path) -> None:
    """The sdist, and the wheel built from it, hold what tthc reads at run time.

    Built with the backend of the test environment (`--no-isolation`); that
    build-system.requires is enough is the real pre-commit's test, whose pip builds the
    hook in isolation.
    """
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    wheel = next(tmp_path.glob("tthc_plan-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tthc_plan/locale/en/LC_MESSAGES/tthc.mo" in names
    assert "tthc_plan/plan.schema.json" in names
    assert "tthc_plan/cli/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "tthc = tthc_plan.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert next(tmp_path.glob("tthc_plan-*.tar.gz")).stat().st_size > 0


TEMPLATES = ROOT / "templates" / "ci"


def _commands(path: Path) -> list[str]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if "jobs" in data:  # GitHub Actions
        steps = data["jobs"]["validate"]["steps"]
        assert data["on"]["pull_request"]["paths"] == ["plans/**"]
        return [step["run"] for step in steps if "run" in step]
    job = data["tthc-validate"]  # GitLab CI
    return [*job["before_script"], *job["script"]]


@pytest.mark.parametrize(
    ("template", "env", "first_line"),
    [
        (
            "github-actions.yml",
            {"GITHUB_ACTIONS": "true"},
            "::error file=plans/broken.yaml,line=7,col=13,title=INVALID_VALUE::",
        ),
        (
            "gitlab-ci.yml",
            {},
            "plans/broken.yaml:7:13: error INVALID_VALUE Múi giờ «Asia/Ha_Noi» không tồn tại.",
        ),
    ],
)
def test_ci_templates_parse_and_their_commands_run(
    tmp_path: Path, template: str, env: dict[str, str], first_line: str
) -> None:
    """Dry run: every command but the install runs against a good, then a bad plans folder."""
    commands = _commands(TEMPLATES / template)
    checks = [c for c in commands if c.startswith("tthc ")]
    assert any('pip install "$TTHC_SOURCE"' in c for c in commands)
    assert checks
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    environment = os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env}
    environment.pop("TTHC_PLAN", None)
    if not env:
        environment.pop("GITHUB_ACTIONS", None)
    for command in checks:
        ok = subprocess.run(
            command, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        assert ok.returncode == 0, ok.stdout + ok.stderr
    shutil.copy(ROOT / "tests" / "data" / "broken.yaml", tmp_path / "plans" / "broken.yaml")
    for command in checks:
        bad = subprocess.run(
            command, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        assert bad.returncode == 1
        assert any(line.startswith(first_line) for line in bad.stdout.splitlines())


def test_init_scaffolds_a_valid_plan_for_another_year_and_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "schema").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    shutil.copy(SCHEMA, tmp_path / "schema" / "plan.schema.json")
    monkeypatch.chdir(tmp_path)
    runner = TthcRunner()
    result = runner.invoke(app, ["init", "--year", "2025"])
    assert (result.exit_code, result.stdout) == (
        0,
        "Đã tạo plans/2025.yaml. Kiểm tra: tthc validate plans/2025.yaml\n",
    )
    text = (tmp_path / "plans" / "2025.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert "  id: dak-rlap-kstthc-2025\n  title: Kế hoạch hoạt động kiểm soát" in text
    # the registry is copied with its comments; every timeframe form is shown, commented out
    assert "  # Thanh tra huyện là cơ quan chuyên môn" in text
    assert "        # timeframe: Trước 10/01/2025\n" in text
    assert "        # timeframe: Báo cáo quý, BC năm\n" in text
    commune = runner.invoke(
        app, ["init", "--year", "2025", "--unit", "nhan co", "-o", "plans/nhan-co-2025.yaml"]
    )
    assert commune.exit_code == 0
    text = (tmp_path / "plans" / "nhan-co-2025.yaml").read_text(encoding="utf-8")
    assert "  id: xa-nhan-co-kstthc-2025\n" in text
    assert "  issuer: UBND xã Nhân Cơ\n" in text
    assert "        lead: Xã Nhân Cơ\n" in text
    check = runner.invoke(app, ["validate", "-f", "concise", "plans/"])
    # each new plan asks for its decision's number, date and signer; nothing else
    assert check.stdout.splitlines()[-1] == "Đã kiểm tra 3 tệp: 0 lỗi, 8 cảnh báo."
    assert "  name: null  # họ và tên người ký quyết định\n" in text
    assert "(chưa điền)" not in text
    again = runner.invoke(app, ["init", "--year", "2025"])
    assert again.exit_code == 2
    assert again.stderr == "Lỗi: «plans/2025.yaml» đã có; chọn tên khác bằng -o, hoặc xóa tệp cũ.\n"


def test_every_problem_code_is_documented_in_the_readme() -> None:
    package = ROOT / "src" / "tthc_plan"
    sources = [*(package / "core").rglob("*.py"), *(package / "store").rglob("*.py")]
    sources = [path for path in sources if path.name != "cache.py"]  # environment names
    literal = re.compile(r'"([A-Z][A-Z]+(?:_[A-Z]+)+|ENCODING|TIMEFRAME)"')
    exported = re.compile(r"^__all__ = \[.*?\]", re.DOTALL | re.MULTILINE)  # names, not codes
    texts = [exported.sub("", path.read_text("utf-8")) for path in sources]
    codes = {code for text in texts for code in literal.findall(text)}
    assert {"TIMEFRAME", "UNKNOWN_UNIT", "FUTURE_DATE", "NOT_RESPONSIBLE"} <= codes
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(code for code in codes if f"| `{code}` |" not in readme) == []
