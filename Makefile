# Thin wrapper around meson; see README.md.
BUILD      ?= build
CHECKBUILD ?= build-check
MESON      ?= meson

.PHONY: all deps demo check bench clean

all: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@sh scripts/deps.sh build

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --buildtype=debugoptimized -Dwerror=true

# Build, create (once) the per-user demo database, and start mado on it.
demo: all
	@sh scripts/demo.sh $(BUILD)

# Same set-up, then every test under AddressSanitizer and UBSan, and the
# fuzz targets built with clang in build-fuzz for the test fuzz-run.
check:
	@sh scripts/deps.sh check
	@test -f $(CHECKBUILD)/build.ninja || \
	  $(MESON) setup $(CHECKBUILD) --buildtype=debug -Dwerror=true \
	    -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(CHECKBUILD)
	@sh scripts/fuzz.sh --build
	@sh scripts/check.sh $(CHECKBUILD)

# Benchmarks on generated data; not part of check.
bench: all
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(CHECKBUILD)
