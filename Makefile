# Two set-up commands on a fresh machine: `make demo` and `make test`.
# Both create .venv on first use with only python3 and make.
PYTHON ?= python3
# Python writes the bytecode of what it compiles (in __pycache__, ignored by git),
# even where the environment says not to: the tests start two workers and a few
# dozen fresh interpreters, each of which would otherwise compile tthc and
# pytest's rewritten test modules anew (3 s of collection instead of 1.5 s).
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck unit validate locale bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lint]"
	touch $(STAMP)

# The plan is from 2024: "today" alone would show everything late, so the demo
# looks at the plan as of days inside 2024.
demo: $(STAMP)
	$(BIN)/tthc validate plans/
	$(BIN)/tthc timeframe "Trước 10/01/2024" --year 2024
	$(BIN)/tthc timeframe "Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của Văn phòng Chính phủ, UBND tỉnh" --year 2024
	$(BIN)/tthc status --today 2024-01-12
	$(BIN)/tthc overdue --today 2024-01-12
	$(BIN)/tthc status --unit "Thanh tra huyện" --today 2024-06-15
	$(BIN)/tthc upcoming --unit "Văn phòng HĐND" --today 2024-06-01 --within 30
	@echo "Từ một thư mục con (tthc tìm «plans/» ở thư mục cha):"
	cd plans/source && ../../$(BIN)/tthc show II.2 --today 2024-01-12
	$(BIN)/tthc done II.1 --unit "Xã Nhân Cơ" --date 08/01/2024 --ref "Số 05/KH-UBND ngày 08/01/2024" --today 2024-01-12 --dry-run
	@echo
	@echo "Xem cho ngày hôm nay (giờ Việt Nam): $(BIN)/tthc status   và   $(BIN)/tthc overdue"
	@echo "Một đơn vị:                          $(BIN)/tthc status --unit \"Xã Nhân Cơ\""
	@echo "Một nhiệm vụ:                        $(BIN)/tthc show II.1"
	@echo "Ghi việc đã xong (bỏ --dry-run):     $(BIN)/tthc done II.1 --unit \"Xã Nhân Cơ\" --date 08/01/2024"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# -n auto: one pytest-xdist worker per CPU; worksteal: a worker left idle takes
# tests queued on another, so a long test at the end of one queue does not hold
# the run up.
PARALLEL := -n auto --dist worksteal
# The tests' files in memory where the system keeps a folder there (Linux's
# /dev/shm): `make check` writes some 8,000, and pytest deletes an older run's
# folder as each run ends: 0.8 s on this disk, which discards what is freed
# (more while it is busy), 0.07 s in memory. Elsewhere the system's temporary
# folder, as before.
TEST_TMP := $(if $(wildcard /dev/shm/.),TMPDIR=/dev/shm)

# The report is coverage's own, after pytest: pytest-cov analyses every module twice
# for its report (once for the total it may check, once for the table), 1-2 s at the
# end of the run with both workers idle. Written when a test fails too; the status is
# pytest's.
unit: $(STAMP)
	$(TEST_TMP) $(BIN)/pytest $(PARALLEL) --cov --cov-report=; status=$$?; \
	$(BIN)/coverage report --show-missing --skip-covered; exit $$status

validate: $(STAMP)
	$(BIN)/tthc validate plans/

test: lint typecheck unit validate

# The fast part, while working: lint, types and every test not marked slow, with 25
# examples of each property (Hypothesis's "check" profile) instead of 200.
check: lint typecheck
	$(TEST_TMP) HYPOTHESIS_PROFILE=check $(BIN)/pytest $(PARALLEL) -m "not slow" -q

# After changing a user-facing message: refresh the English catalogue, translate
# the new entries in src/tthc_plan/locale/en/LC_MESSAGES/tthc.po, run again.
LOCALE := src/tthc_plan/locale
locale: $(STAMP)
	$(BIN)/pybabel extract -k N_ -k msg --no-location --sort-output --omit-header -o $(LOCALE)/tthc.pot src/tthc_plan
	$(BIN)/pybabel update -D tthc -d $(LOCALE) -i $(LOCALE)/tthc.pot -l en -N --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile -D tthc -d $(LOCALE) -l en
	$(BIN)/pybabel compile -D click -d $(LOCALE) -l vi
	rm $(LOCALE)/tthc.pot

# Speed and memory against the targets of issue 6 (prints a table; never fails).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
