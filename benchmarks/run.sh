#!/usr/bin/env bash
# Builds the benchmarks and runs parts (a) to (g) one after the other, printing
# the machine, the date and each command; see docs/performance.md. Takes about eighteen
# minutes on two cores; (f) and (g) start a redis-server (/usr/bin/redis-server). Output is also kept in benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

run() {
	echo "\$ $*"
	"$@"
}

run ./mvnw -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
results=benchmarks/target/results
mkdir -p "$results"
{
	echo "== machine"
	run nproc
	run free -h
	java -version 2>&1
	grep -m1 'model name' /proc/cpuinfo
	run date -u
	run uptime
	echo "== (a) cached token, per request"
	run java -jar benchmarks/target/benchmarks.jar 'CachedTokenBenchmark\.' -f 3 -wi 5 -i 5 -w 1s -r 1s -prof gc \
		-rf json -rff "$results/cached-token.json"
	run uptime
	echo "== (a) breakdown of the cached on-behalf-of path"
	run java -jar benchmarks/target/benchmarks.jar 'CachedTokenBreakdownBenchmark\.' -f 1 -wi 5 -i 5 -w 1s -r 1s -prof gc \
		-rf json -rff "$results/cached-token-breakdown.json"
	run uptime
	echo "== (b) cold burst"
	run java -cp benchmarks/target/benchmarks.jar io.github.egainauth.benchmarks.ColdBurst 3
	run uptime
	echo "== (c) retained heap"
	run java -Xmx4g -cp benchmarks/target/benchmarks.jar io.github.egainauth.benchmarks.RetainedHeap 1000000
	run uptime
	echo "== (d) faulty load run: 10,000 calls, 1,000 subjects, 5 % injected 503s"
	run java -cp benchmarks/target/benchmarks.jar io.github.egainauth.benchmarks.FaultyLoadRun 10000 1000 32 0.05
	run uptime
	echo "== (e) renewal under load: 64 threads x 100 subjects, 10 s tokens, 200 ms token endpoint"
	run java -cp benchmarks/target/benchmarks.jar io.github.egainauth.benchmarks.RenewalLoadRun 15 60
	run uptime
	echo "== (f) replicas: 4 instances x 64 threads x 1,000 subjects, cold, 20 ms token endpoint, Redis store"
	run java -cp benchmarks/target/benchmarks.jar io.github.egainauth.benchmarks.ReplicaRun 2
	run uptime
	echo "== (g) outages: eGain's token endpoint down for a whole clock-skew window, then Redis down"
	run java -cp benchmarks/target/benchmarks.jar io.github.egainauth.benchmarks.OutageRun
	run uptime
} 2>&1 | tee "$results/run.log"
