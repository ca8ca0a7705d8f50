# nango-toolbox developer tasks. `make test` and `make demo` work from a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

SPEC      := openapi/nango.yaml
GENCONFIG := openapi/generator.yaml
GENERATE  = $(BIN)/openapi-python-client generate --path $(SPEC) --config $(GENCONFIG) \
	--meta none --fail-on-warning --overwrite --custom-template-path openapi/templates

.PHONY: setup demo generate unasync docs check-generated validate-spec lint typecheck test test-only reliability bench ci clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## setup: create .venv and install the project with its dev and sandbox extras
setup: $(BIN)/.installed

## demo: the main job: run the GitHub issue workflow against an embedded, throw-away sandbox
demo: setup
	$(BIN)/nango-run --sandbox workflows/github_issue.yaml --input repo=octo-org/hello-world --input title="Hello from nango-run"

## generate: regenerate generated/nango_client from openapi/nango.yaml, the sync SDK twins, and
## the workflow validity check compiled from workflow/schema.json
generate: setup
	rm -rf generated/nango_client
	$(GENERATE) --output-path generated/nango_client
	rm -rf generated/nango_client/.ruff_cache
	$(BIN)/python scripts/unasync.py
	$(BIN)/python scripts/gen_schema_check.py

## unasync: regenerate the sync SDK modules (Nango) from their async source (AsyncNango)
unasync: setup
	$(BIN)/python scripts/unasync.py

## docs: rewrite docs/sdk.md's method reference from the SDK (a test fails when it is stale)
docs: setup
	$(BIN)/python scripts/sdk_docs.py

## check-generated: fail with a diff when generated/ does not match the spec, a sync twin its
## source, or workflow/_schema_check.py the schema
check-generated: setup
	@$(BIN)/python scripts/unasync.py --check
	@$(BIN)/python scripts/gen_schema_check.py --check
	@tmp=$$(mktemp -d); \
	$(GENERATE) --output-path $$tmp/nango_client >$$tmp/log 2>&1 || { cat $$tmp/log; rm -rf $$tmp; exit 1; }; \
	rm -rf $$tmp/nango_client/.ruff_cache; \
	if diff -ru -x __pycache__ -x .ruff_cache generated/nango_client $$tmp/nango_client >$$tmp/diff; then \
		echo "generated/ is up to date with $(SPEC)"; rm -rf $$tmp; \
	else \
		head -n 200 $$tmp/diff; rm -rf $$tmp; \
		echo "generated/ is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; \
	fi

## validate-spec: validate openapi/nango.yaml against the OpenAPI meta-schema
validate-spec: setup
	$(BIN)/openapi-spec-validator $(SPEC)

lint: setup
	$(BIN)/ruff check runner tests bench scripts
	$(BIN)/ruff format --check runner tests bench scripts

typecheck: setup
	$(BIN)/mypy

## test: set up from a fresh clone and run the whole test suite
test: setup test-only

test-only:
	$(BIN)/python -m pytest -q

## reliability: only the reliability and security suite (docs/reliability.md); part of `make test`
reliability: setup
	$(BIN)/python -m pytest -q -m reliability tests/reliability

bench: setup
	$(BIN)/python bench/run_all.py

ci: check-generated validate-spec lint typecheck test

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
