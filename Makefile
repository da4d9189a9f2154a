# translit-neurons — `make report` regenerates everything for CONFIG (or every run with RUNS=all).
CONFIG ?= config/default.json
RUNS ?=
FORCE ?=

TSX := node_modules/.bin/tsx
RUN_ARGS := $(if $(RUNS),--runs $(RUNS),--config $(CONFIG)) $(if $(FORCE),--force=$(FORCE))

.PHONY: report pipeline corpus romanize align train evaluate capture stats ablate beyond seeds site preview test bench clean-cache l10n-data

node_modules/.installed: package-lock.json
	npm ci
	@touch $@

report: node_modules/.installed
	$(TSX) pipeline/run.ts $(RUN_ARGS)
	$(MAKE) site
	@echo
	@echo "Report built in site/dist. Browse it with: npm run preview   (then open the printed URL)"

pipeline: node_modules/.installed
	$(TSX) pipeline/run.ts $(RUN_ARGS)

corpus romanize align train evaluate capture stats ablate beyond: node_modules/.installed
	$(TSX) pipeline/run.ts $(RUN_ARGS) --until $@

# Which findings survive retraining: the default config with three seeds (artifacts/seeds.json, read by the site).
SEED_RUNS ?= artifacts/default artifacts/default-seed2 artifacts/default-seed3
seeds: node_modules/.installed
	$(TSX) pipeline/diff/cli.ts --seeds $(SEED_RUNS) --out artifacts/seeds.json

site: node_modules/.installed
	$(TSX) site/build.ts $(if $(FORCE),--force)

# The Debian Armenian gettext catalogs of config/runs/l10n.json (its corpus stage also fetches them when missing).
l10n-data: node_modules/.installed
	$(TSX) pipeline/corpus/debian-l10n.ts

preview:
	npm run preview

test: node_modules/.installed
	npm test

bench: node_modules/.installed
	npm run bench

clean-cache:
	rm -rf .cache
