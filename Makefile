# Linchpin: the two commands that matter are `make demo` and `make check`.
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan
SCENARIO ?= scenarios/korea-2026.yaml
TRIALS ?=

.PHONY: all deps build demo check test asan-check bench format clean

all: build

deps:
	@bash scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DLINCHPIN_WERROR=ON > /dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Installs what is missing, builds, runs the default scenario, writes results and a report.
demo: build
	@mkdir -p runs
	@$(BUILD)/linchpin run $(SCENARIO) --out runs/korea-2026.sqlite --force $(if $(TRIALS),--trials $(TRIALS))
	@$(BUILD)/linchpin report runs/korea-2026.sqlite -o runs/korea-2026.html --force

# Builds and runs the whole test suite, then the unit and golden tests under ASan/UBSan.
check: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory asan-check

asan-check: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLINCHPIN_SANITIZE=ON -DLINCHPIN_WERROR=ON -DLINCHPIN_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target linchpin_tests linchpin
	@cd $(ASAN_BUILD) && LINCHPIN_CLI_TRIALS=2000 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

test: check

bench: build
	@$(BUILD)/bench/linchpin_bench
	@$(BUILD)/bench/linchpin_analytics_bench
	@$(BUILD)/bench/linchpin_crisis_game_bench
	@$(BUILD)/bench/linchpin_spatial_model_bench
	@$(BUILD)/bench/linchpin_landscape_bench

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD)
