# Convenience entry points; the build itself is CMake.
#   make demo   install what is missing, build, run the bundled demo
#   make check  install what is missing, build the three CI variants, run every test
#   make test   build and test the default variant only
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_ARGS = 2 3 5 7 11 13 17 19 23 29

.PHONY: setup build demo test check clean

setup:
	@sh scripts/setup.sh

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

demo: setup build
	@echo "+ $(BUILD)/amanatsu $(BUILD)/tests/guest/sum $(DEMO_ARGS)"
	@$(BUILD)/amanatsu --stats $(BUILD)/demo-stats.json $(BUILD)/tests/guest/sum $(DEMO_ARGS)
	@sed -n 's/.*"retired_instructions": \([0-9]*\).*/retired instructions: \1/p; s/.*"mips": \([0-9.]*\).*/MIPS: \1 (a run this short is mostly start-up; bench\/run.sh measures throughput)/p' $(BUILD)/demo-stats.json

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

check: setup
	sh scripts/check.sh

clean:
	rm -rf build build-switch build-asan
