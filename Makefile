# Two commands: `make run` (set up, start OpenSearch, import samples/, serve on :8000)
# and `make test` (the whole test suite against a real node it starts and stops itself).
.PHONY: setup run test stop bench clean

setup:
	@./scripts/setup.sh

run: setup
	@.venv/bin/legal-search run

test: setup
	@.venv/bin/python -m pytest -q

stop:
	@.venv/bin/legal-search node stop

clean:
	rm -rf .venv .local
