# Two commands on a fresh machine: `make run` and `make test`. Each installs
# what it needs first (only what is missing).

.PHONY: run test bench setup

run:
	@scripts/run.sh

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

setup:
	@scripts/setup.sh --browser
