//! Raw argon2id verification rate with the production parameters
//! (m = 19456 KiB, t = 2, p = 1) on every core: the ceiling that logons
//! through HTTP are compared with (`bench/logon.sh`, number (a)).
//!
//! ```sh
//! cargo run --release -p server --example argon2_rate -- [SECONDS] [THREADS]
//! ```
//!
//! SECONDS defaults to 5, THREADS to the core count. Prints one line
//! `verifications_per_second=<float>` (machine-readable) and a summary.
//! Numbers are reported, never asserted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use services::infra::passwords::{hash_blocking, production_params, verify_blocking, Verified};

/// Upper bound on verifications per thread, so the loop stops by count too.
const MAX_PER_THREAD: u64 = 1_000_000;

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: f64 = args
        .next()
        .map(|s| s.parse().expect("SECONDS is a number"))
        .unwrap_or(5.0);
    let threads: usize = args
        .next()
        .map(|s| s.parse().expect("THREADS is a whole number"))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let seconds = seconds.clamp(0.5, 120.0);
    let threads = threads.clamp(1, 256);

    let params = production_params();
    let password = "Employee#2026";
    let phc = hash_blocking(&params, password).expect("hashing works");
    // One warm-up verification (page faults of the first 19 MiB block).
    assert_eq!(verify_blocking(&params, &phc, password), Verified::Yes);

    let total = Arc::new(AtomicU64::new(0));
    let start_line = Arc::new(Barrier::new(threads + 1));
    let run_for = Duration::from_secs_f64(seconds);
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (params, phc, total, start_line) = (
                params.clone(),
                phc.clone(),
                total.clone(),
                start_line.clone(),
            );
            std::thread::spawn(move || {
                start_line.wait();
                let deadline = Instant::now() + run_for;
                let mut done = 0u64;
                while Instant::now() < deadline && done < MAX_PER_THREAD {
                    let verified = verify_blocking(&params, &phc, password);
                    assert_eq!(verified, Verified::Yes);
                    done += 1;
                }
                total.fetch_add(done, Ordering::Relaxed);
            })
        })
        .collect();
    start_line.wait();
    let started = Instant::now();
    let cpu_before = process_cpu_seconds();
    for worker in workers {
        worker.join().expect("a verifying thread panicked");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_after = process_cpu_seconds();
    let count = total.load(Ordering::Relaxed);
    let rate = count as f64 / elapsed;
    // Share of the threads' wall time they actually got a core: below ~0.95
    // something else on the machine was competing.
    let share = match (cpu_before, cpu_after) {
        (Some(before), Some(after)) => (after - before) / (elapsed * threads as f64),
        _ => f64::NAN,
    };
    println!("verifications_per_second={rate:.2}");
    println!("cpu_share={share:.2}");
    println!(
        "argon2id m={} KiB t={} p={}: {count} verifications on {threads} thread(s) in \
         {elapsed:.2} s = {rate:.2}/s ({:.1} ms each per thread)",
        params.m_cost(),
        params.t_cost(),
        params.p_cost(),
        if count > 0 {
            elapsed * 1000.0 * threads as f64 / count as f64
        } else {
            f64::NAN
        },
    );
}

/// User + system CPU time of this process so far (Linux `/proc/self/stat`;
/// `None` elsewhere). Clock ticks are taken as the usual 100 per second.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
