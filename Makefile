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

## The main job: search agents compared on the systolic-array accelerator (MobileNet-V2, minimum cycles
## under a 2 mm² area budget), 3 seeds each; prints a table and where the results went.
demo: build
	$(DSEGYM) compare --env systolic --workload mobilenet_v2 --objective min-cycles-area-2mm2 \
		--agents random_walk,ga,aco,bo --seeds 3 --budget 300 --results $(RESULTS)

## The whole test suite: Swift tests, then the Python client's tests against the built `dsegym serve`.
test: deps
	bash scripts/run-tests.sh

clean:
	rm -rf .build
