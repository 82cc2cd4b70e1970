# keras.cpp: `make demo` and `make test` are the two set-up commands.
# Each installs the Debian packages that are missing (apt-get, as root),
# configures a Release build in build/, builds with all cores, then runs.

BUILD     ?= build
JOBS      ?= $(shell nproc)
CMAKE_ARGS ?=
PACKAGES  := cmake g++ make pkg-config libhdf5-dev libzip-dev \
             nlohmann-json3-dev libopenblas-dev libgtest-dev libgmock-dev \
             libbenchmark-dev libcli11-dev python3-numpy zipcmp ziptool \
             dpkg-dev file

.PHONY: all deps bench-deps fuzz-deps build demo test sanitize tsan fuzz bench clean

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

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	cd $(BUILD)/examples/guide && ./guide

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# ASan + UBSan build of the whole test suite.
sanitize:
	$(MAKE) test BUILD=build-asan \
	  CMAKE_ARGS="-DKERAS_SANITIZE=ON -DKERAS_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo"

# ThreadSanitizer build running the concurrency tests (docs/thread-safety.md).
TSAN_FILTER ?= Concurrency*
tsan: deps
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKERAS_TSAN=ON \
	  -DKERAS_BUILD_BENCH=OFF $(CMAKE_ARGS)
	cmake --build build-tsan -j $(JOBS) --target keras_tests
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	  ./keras_tests --gtest_filter='$(TSAN_FILTER)'

# libFuzzer harnesses (fuzz/) built with clang, ASan and UBSan; each runs for
# FUZZ_SECONDS on seeds copied from ../shared (fixtures and corpus).
FUZZ_SECONDS ?= 60
FUZZERS := keras_loader weights_h5 model_from_json legacy_h5
SHARED ?= ../shared
fuzz: deps fuzz-deps
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang-14 \
	  -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DKERAS_FUZZ=ON -DKERAS_BUILD_TESTS=OFF -DKERAS_BUILD_BENCH=OFF $(CMAKE_ARGS)
	cmake --build build-fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZERS))
	for f in $(FUZZERS); do \
	  fuzz/seed.sh $$f build-fuzz/corpus/$$f $(SHARED) && \
	  build-fuzz/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 -artifact_prefix=build-fuzz/crash-$$f- \
	    build-fuzz/corpus/$$f || exit 1; \
	done

# The benchmark suite of issue 8: keras_bench (Google Benchmark) and the
# PyTorch peer in one run; prints the target lines, writes bench/RESULTS.md.
bench: deps bench-deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DKERAS_BUILD_BENCH=ON $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS) --target keras_bench
	/usr/bin/python3 bench/compare.py --bench $(BUILD)/bench/keras_bench \
	  --threads $(BENCH_THREADS)

clean:
	rm -rf build build-asan build-tsan build-fuzz
