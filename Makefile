# Two commands on a fresh machine: `make run` and `make test`. Each installs
# what it needs first (only what is missing).

.PHONY: run run-mail test bench setup

run:
	@scripts/run.sh

run-mail:
	@scripts/run-mail.sh

test:
	@scripts/test.sh

bench:
	@scripts/bench.sh

setup:
	@scripts/setup.sh --browser
