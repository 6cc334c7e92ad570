# wenyun: the two commands of the README, and the steps they are made of.
#   make demo    install what is missing, build, load the demo data, serve on 127.0.0.1:8080
#   make check   install what is missing, build, run every test (also under ASan+UBSan)

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DB         ?= var/wenyun.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)

.PHONY: all deps deps-run build demo serve check test test-asan format format-check layers fuzz clean

all: build

deps:
	@scripts/deps.sh all

deps-run:
	@scripts/deps.sh run

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo: deps-run build
	$(BUILD)/wenyun demo --db $(DB)
	@echo
	@echo "wenyun is serving on http://$(LISTEN)/  (admin console: http://$(LISTEN)/admin)"
	@echo "log in as the city admin: 13900000001 / Demo2026pzh   (Ctrl-C stops the server)"
	@echo
	$(BUILD)/wenyun serve --db $(DB) --listen $(LISTEN) --config etc/demo.ini

serve: build
	$(BUILD)/wenyun serve --db $(DB) --listen $(LISTEN)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWY_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

# the include layering (docs/architecture.md, "Layers")
layers:
	@scripts/check-layers.sh

# libFuzzer runs (clang): make fuzz FUZZ_SECONDS=60
FUZZ_SECONDS ?= 30
fuzz:
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DWY_SANITIZE=ON -DWY_FUZZ=ON >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@for f in $(FUZZ_BUILD)/fuzz_*; do \
	  name=$${f##*/fuzz_}; mkdir -p $(FUZZ_BUILD)/corpus/$$name; \
	  echo "== $$name"; \
	  dict=; [ -f fuzz/$$name.dict ] && dict=-dict=fuzz/$$name.dict; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$dict $(FUZZ_BUILD)/corpus/$$name fuzz/corpus/$$name 2>&1 | grep -E 'stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY' ; \
	done

# Every test: format, layering, the normal build, then the sanitizer build. CTest prints the summary.
check: deps format-check layers test test-asan

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
