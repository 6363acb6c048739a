# DSEGym: the two set-up commands are `make demo` (the main job on defaults) and `make test`.
SWIFT ?= swift
RESULTS ?= results
DSEGYM := .build/release/dsegym

.PHONY: demo test deps build clean

## Install missing system libraries (libzmq3-dev, libsqlite3-dev) with apt-get.
deps:
	@bash scripts/install-deps.sh

## Release build of the dsegym command.
build: deps
	$(SWIFT) build -c release --product dsegym

## The main job: agents compared on an environment over several seeds; prints a table and where results went.
demo: build
	$(DSEGYM) compare --env synthetic --agents random_walk,grid --seeds 5 --budget 300 --results $(RESULTS)

## The whole test suite: Swift tests, then the Python client's tests against the built `dsegym serve`.
test: deps
	$(SWIFT) test
	bash scripts/python-test.sh

clean:
	rm -rf .build
