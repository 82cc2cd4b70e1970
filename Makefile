# keras.cpp: `make demo` and `make test` are the two set-up commands.
# Each installs the Debian packages that are missing (apt-get, as root),
# configures a Release build in build/, builds with all cores, then runs.

BUILD     ?= build
JOBS      ?= $(shell nproc)
CMAKE_ARGS ?=
PACKAGES  := cmake g++ make pkg-config libhdf5-dev libzip-dev libdeflate-dev \
             nlohmann-json3-dev libopenblas-dev libgtest-dev libgmock-dev \
             libbenchmark-dev libcli11-dev python3-numpy zipcmp ziptool \
             dpkg-dev file

.PHONY: all deps bench-deps fuzz-deps build demo test sanitize tsan fuzz ci bench corpus-table clean

all: build

# Packages only `make bench` needs: PyTorch is the peer it measures against.
BENCH_PACKAGES := python3-torch python3-numpy
# Threads on both sides of the benchmark (OpenBLAS and torch.set_num_threads).
BENCH_THREADS ?= $(shell nproc)

# $(call install_missing,PACKAGES): apt-get install those not installed yet.
define install_missing
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' \
	  || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

bench-deps:
	$(call install_missing,$(BENCH_PACKAGES))

# Packages only `make fuzz` needs: libFuzzer comes with clang's runtime.
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
fuzz-deps:
	$(call install_missing,$(FUZZ_PACKAGES))

# FAST=ON (what `make ci` uses) shortens a clean build made to be run once:
# the library compiles in batches of files (KERAS_UNITY_BUILD) and the test
# files' own code at -O1 (KERAS_TEST_OPT); the library's code is the same,
# an edit just recompiles more. Off, builds are as a developer iterates.
FAST ?= OFF
ifeq ($(FAST),ON)
FAST_ARGS := -DKERAS_UNITY_BUILD=ON -DKERAS_TEST_OPT=-O1
else
FAST_ARGS := -DKERAS_UNITY_BUILD=OFF -DKERAS_TEST_OPT=
endif

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release \
	  $(FAST_ARGS) $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	cd $(BUILD)/examples/guide && ./guide

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# ASan + UBSan build (clang, also instrumented for libFuzzer) in build-asan:
# `make sanitize` runs the whole test suite there (LeakSanitizer included),
# `make fuzz` runs each libFuzzer harness for FUZZ_SECONDS on seeds copied
# from ../shared. -O1 -g1 keeps the build short; the package tests are left
# to `make test` (an installed sanitized library needs sanitized consumers).
SAN_BUILD := build-asan
SAN_ARGS := -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DKERAS_FUZZ=ON -DKERAS_INSTALL=OFF -DKERAS_BUILD_BENCH=OFF \
  $(FAST_ARGS)
sanitize: deps fuzz-deps
	cmake -S . -B $(SAN_BUILD) $(SAN_ARGS) $(CMAKE_ARGS)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	cd $(SAN_BUILD) && ctest --output-on-failure -j $(JOBS)

FUZZ_SECONDS ?= 60
FUZZERS := keras_loader weights_h5 model_from_json legacy_h5
SHARED ?= ../shared
# A finding (crash, sanitizer report, leak, an input running longer than
# -timeout seconds, RSS past -rss_limit_mb) fails `make fuzz` after every
# harness has run; its input is kept as FUZZ_ARTIFACTS/<harness>-<kind>-<sha1>
# (replay: $(SAN_BUILD)/fuzz/fuzz_<harness> FILE). The harnesses cap what a
# file may allocate at 64 MiB (fuzz/fuzz_common.h), so no request of ours
# needs more than max_allocation_size_mb: a larger one is a finding from
# operator new, while a C malloc (HDF5 sizing a buffer from a corrupt header
# before checking it) gets NULL, as from glibc, and is refused cleanly. Nothing
# larger is ever allocated, so libFuzzer's -malloc_limit_mb never fires on it.
FUZZ_ARTIFACTS ?= $(SAN_BUILD)/fuzz-artifacts
FUZZ_ASAN_OPTIONS := allocator_may_return_null=1:max_allocation_size_mb=1024
# FUZZ_SEED fixes libFuzzer's random seed (CI sets it, so a run of a given
# commit mutates the same way each time and a finding is reproducible);
# unset, every run explores afresh.
FUZZ_SEED ?=
FUZZ_FLAGS := -timeout=25 -rss_limit_mb=4096 -malloc_limit_mb=4096 \
  -print_final_stats=1 $(if $(FUZZ_SEED),-seed=$(FUZZ_SEED))
fuzz: deps fuzz-deps
	cmake -S . -B $(SAN_BUILD) $(SAN_ARGS) $(CMAKE_ARGS)
	cmake --build $(SAN_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS))
	@mkdir -p $(FUZZ_ARTIFACTS); failed=; \
	for f in $(FUZZERS); do \
	  corpus=$(SAN_BUILD)/corpus/$$f log=$(SAN_BUILD)/fuzz-$$f.log; \
	  fuzz/seed.sh $$f $$corpus $(SHARED) || exit 1; \
	  echo "== fuzz_$$f: $(FUZZ_SECONDS) s from $$(ls $$corpus | wc -l) inputs (log: $$log)"; \
	  if ASAN_OPTIONS=$(FUZZ_ASAN_OPTIONS) $(SAN_BUILD)/fuzz/fuzz_$$f \
	      -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	      -artifact_prefix=$(FUZZ_ARTIFACTS)/$$f- $$corpus > $$log 2>&1; then \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' $$log || true; \
	  else \
	    tail -n 80 $$log; failed="$$failed $$f"; \
	    echo "FUZZ FINDING in fuzz_$$f; inputs kept:"; \
	    ls -d $(FUZZ_ARTIFACTS)/$$f-* 2>/dev/null || echo "  (none written)"; \
	  fi; \
	done; \
	if [ -n "$$failed" ]; then echo "make fuzz: findings in:$$failed"; exit 1; fi

# ThreadSanitizer build of the concurrency tests only (docs/thread-safety.md).
TSAN_TESTS ?= keras/saving/concurrency_test.cpp
tsan: deps
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKERAS_TSAN=ON \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
	  -DKERAS_TEST_SOURCES="$(TSAN_TESTS)" -DKERAS_INSTALL=OFF \
	  -DKERAS_BUILD_EXAMPLES=OFF -DKERAS_BUILD_BENCH=OFF \
	  $(FAST_ARGS) $(CMAKE_ARGS)
	cmake --build build-tsan -j $(JOBS) --target keras_tests
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 \
	  suppressions=$(CURDIR)/tools/sanitizers/tsan.supp" \
	  ./keras_tests

# What CI runs (.ci/run): the tests, then the same under ASan + UBSan, each
# fuzz harness for a minute (fixed seed; long exploratory runs are `make
# fuzz FUZZ_SECONDS=N`), and the concurrency tests under TSan; every
# build made with FAST=ON (CI_FAST=OFF to compare), each step timed.
CI_FAST ?= ON
define ci_step
	@s=$$(date +%s); $(MAKE) --no-print-directory $(1) FAST=$(CI_FAST) && \
	  echo "== make ci: '$(1)' took $$(( $$(date +%s) - s )) s"
endef
ci:
	$(call ci_step,test)
	$(call ci_step,sanitize)
	$(call ci_step,fuzz FUZZ_SECONDS=60 FUZZ_SEED=1)
	$(call ci_step,tsan)

# The benchmark suite of issue 8: keras_bench (Google Benchmark) and the
# PyTorch peer in one run; prints the target lines, writes bench/RESULTS.md.
bench: deps bench-deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DKERAS_BUILD_BENCH=ON $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS) --target keras_bench
	/usr/bin/python3 bench/compare.py --bench $(BUILD)/bench/keras_bench \
	  --threads $(BENCH_THREADS)

# README's Keras version table: runs the corpus tests (../shared/corpus),
# which write the table (keras/saving/corpus_test.cpp), and puts it between
# the corpus-table markers of README.md.
corpus-table: build
	-KERAS_CORPUS_TABLE=$(CURDIR)/$(BUILD)/corpus-table.md \
	  $(BUILD)/keras_tests --gtest_filter='Corpus/*:CorpusTest.*' --gtest_brief=1
	awk -v table=$(BUILD)/corpus-table.md \
	  '/<!-- corpus-table:end -->/ { skip = 0 } \
	   !skip { print } \
	   /<!-- corpus-table:begin -->/ { while ((getline l < table) > 0) print l; skip = 1 }' \
	  README.md > README.md.tmp && mv README.md.tmp README.md

clean:
	rm -rf build build-asan build-tsan
