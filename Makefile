# translit-neurons — `make report` regenerates everything for CONFIG (or every run with RUNS=all).
CONFIG ?= config/default.json
RUNS ?=
FORCE ?=

TSX := node_modules/.bin/tsx
RUN_ARGS := $(if $(RUNS),--runs $(RUNS),--config $(CONFIG)) $(if $(FORCE),--force=$(FORCE))

.PHONY: report pipeline corpus romanize align train capture stats ablate beyond site preview test bench clean-cache

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

corpus romanize align train capture stats ablate beyond: node_modules/.installed
	$(TSX) pipeline/run.ts $(RUN_ARGS) --until $@

site: node_modules/.installed
	$(TSX) site/build.ts $(if $(FORCE),--force)

preview:
	npm run preview

test: node_modules/.installed
	npm test

bench: node_modules/.installed
	npm run bench

clean-cache:
	rm -rf .cache
