# StrikeMap: `make demo` renders the default map, `make test` runs the tests.
# Both install the Debian packages they need first (scripts/install-deps.sh, idempotent).
SWIFT ?= swift
RELEASE_BIN := .build/release/strikemap
PREFIX ?= /usr/local

.PHONY: deps build release demo install uninstall smoke test test-attack test-api bench bench-serve gmt fuzz sanitize gallery world-basemap basemap clean help

help:
	@echo "make demo           install dependencies, build, render the default map into Output/"
	@echo "make install        build and put strikemap on PATH (PREFIX=/usr/local): binary, data, man page, bash/zsh/fish completions"
	@echo "make uninstall      remove what make install put under PREFIX"
	@echo "make test           install dependencies, run the test suite (the PostGIS tests on a throw-away cluster)"
	@echo "make test-api       the service's OpenAPI conformance in full: schemathesis's coverage and fuzzing phases"
	@echo "make smoke          build in release and run it as users do: render, serve each route, a hang-up, SIGTERM (CI runs it after make test)"
	@echo "make test-attack    every hostile case against a real strikemap serve (CRS files, deep filters, YAML bombs, floods, hang-ups, SIGTERM)"
	@echo "make bench          build in release and print timings (render, PNG floor, 1M-row events --stats)"
	@echo "make bench-serve    load-test strikemap serve with wrk (cached, uncached, memory, a 10,000-map cache-busting flood, two instances behind nginx)"
	@echo "make gmt            install GMT (and ghostscript, gdal-bin) for the benchmark's comparison"
	@echo "make fuzz           run the libFuzzer harnesses (FUZZ_SECONDS=60 each) on the committed seed corpus"
	@echo "make sanitize       run the test suite under AddressSanitizer and ThreadSanitizer"
	@echo "make gallery        re-render the README gallery (Output/gallery/)"
	@echo "make basemap        rebuild the committed Middle East basemap extract from Natural Earth"
	@echo "make world-basemap  unpack Natural Earth world layers so any region renders"

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product strikemap

demo: release
	@$(RELEASE_BIN) render

# The binary, its data (found relative to the binary), the manual from the commands' own help
# (swift-argument-parser's generate-manual plugin) and completions, under $(DESTDIR)$(PREFIX).
install: release world-basemap
	$(SWIFT) package generate-manual --configuration release > .build/generate-manual.log 2>&1 || { cat .build/generate-manual.log >&2; exit 70; }
	@bash scripts/install.sh install "$(PREFIX)" $(RELEASE_BIN) "$$(find .build/plugins -path '*GenerateManual*' -name strikemap.1 | head -1)"

uninstall:
	@bash scripts/install.sh uninstall "$(PREFIX)"

# The release binary, run as users run it: the tests' build leaves the service unoptimised.
smoke: release
	python3 scripts/release_smoke.py $(RELEASE_BIN)

test: deps world-basemap
	@bash scripts/test.sh $(SWIFT)

# The hostile requests (issue 29's cases) against real `strikemap serve` processes, and the
# parsers' depth and size limits they rest on. Part of `make test`; this runs them alone.
test-attack: deps world-basemap
	STRIKEMAP_OPTIMIZED_TESTS=1 $(SWIFT) build --build-tests
	STRIKEMAP_OPTIMIZED_TESTS=1 $(SWIFT) test --skip-build --filter 'ServiceAttackTests|ClientPresenceTests|QueryFuzzTests|FilterDepthTests|CRSPolicyTests|ServiceFileAccessTests|BoundedInputTests|LimitsAndSignalsTests'

# The service against its OpenAPI document, every phase (about 2,800 requests; `make test` runs the fuzzing phase).
test-api: deps
	$(SWIFT) build --build-tests
	STRIKEMAP_TEST_SCHEMATHESIS=$$(bash scripts/schemathesis-venv.sh) STRIKEMAP_SCHEMATHESIS_PHASES=examples,coverage,fuzzing STRIKEMAP_SCHEMATHESIS_EXAMPLES=50 \
		$(SWIFT) test --skip-build --filter OpenAPIConformanceTests

bench-serve: deps
	@dpkg-query -W wrk nginx-light >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx-light)
	$(SWIFT) build -c release --product strikemap
	/usr/bin/python3 Benchmarks/serve/bench_serve.py

bench: deps
	$(SWIFT) build -c release --product strikemap
	$(SWIFT) build -c release --product strikemap-bench
	.build/release/strikemap-bench

gmt:
	@dpkg-query -W gmt ghostscript gdal-bin gmt-gshhg-low >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gmt gmt-gshhg-low ghostscript gdal-bin)

fuzz: deps
	bash scripts/fuzz.sh

# Leak checking is off: fontconfig, GLib and GDAL keep caches for the life of the process.
sanitize: deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

gallery: release
	@mkdir -p Output/gallery
	$(RELEASE_BIN) render --quiet --out Output/gallery/iraq-syria.png
	$(RELEASE_BIN) render --quiet --region eastern-syria --out Output/gallery/eastern-syria.png --width 1600 --height 1200
	$(RELEASE_BIN) render --quiet --region baghdad --from 2023-11-18 --to 2023-11-22 --out Output/gallery/baghdad-nov-18-22.png
	$(RELEASE_BIN) render --quiet --theme dark --graticule --out Output/gallery/theme-dark.png
	$(RELEASE_BIN) render --quiet --theme mono --out Output/gallery/theme-mono.png
	$(RELEASE_BIN) render --quiet --theme print --size 24x18cm --dpi 170 --out Output/gallery/theme-print.png
	$(RELEASE_BIN) render --quiet --labels en+ar --region eastern-syria --out Output/gallery/labels-en-ar.png
	$(RELEASE_BIN) render --quiet --facet week --height 1600 --out Output/gallery/facet-week.png
	$(RELEASE_BIN) render --quiet --timeline --from 2023-11-01 --to 2023-11-15 --height 1400 --out Output/gallery/timeline.png
	$(RELEASE_BIN) render --quiet --region iraq --airfields military --title "Iraq's air bases and the attacks on US forces, 17 Oct – 22 Nov 2023" --out Output/gallery/relief-iraq-airbases.png
	$(RELEASE_BIN) render --quiet --around "Jurf al-Saqr" --radius 60km --highlight Babil --note "Jurf al-Saqr: US strikes on a Kataib Hezbollah operations centre, 22 Nov" --note "Abu Ghraib: AC-130J strike on the vehicle that launched a missile at Al-Asad, 20 Nov" --out Output/gallery/baghdad-jurf-notes.png
	$(RELEASE_BIN) render --quiet --events Data/examples/al-asad-crbm-2023-11-20.csv --ring "Al-Asad Air Base:100km,200km" --title "A ballistic missile on Al-Asad, and the strike on its launcher" --out Output/gallery/rings-arcs.png
	$(RELEASE_BIN) render --quiet --labels fa --region iraq --out Output/gallery/labels-fa.png
	$(RELEASE_BIN) render --quiet --labels en+ckb --region iraq --from 2023-10-17 --to 2023-11-22 --out Output/gallery/labels-en-ckb.png

basemap:
	@dpkg-query -W gdal-bin libmagics++-data >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gdal-bin libmagics++-data)
	bash scripts/build_basemap.sh
	$(SWIFT) run strikemap basemap-cache Geo/basemap/middle-east

world-basemap:
	@bash scripts/world_basemap.sh

clean:
	rm -rf .build
