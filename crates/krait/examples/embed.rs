//! The embedding example of issue 6 and `docs/embedding.md`: run with
//! `cargo run -p krait --example embed`.

use krait::{Error, Interpreter, LimitExceeded};
use std::time::Duration;

// `max_memory` needs the counting allocator; the `counting-allocator` feature (default)
// installs it, otherwise the program does.
#[cfg(not(feature = "counting-allocator"))]
#[global_allocator]
static ALLOCATOR: krait::CountingAllocator = krait::CountingAllocator::new();

fn main() -> Result<(), Error> {
    let mut py = Interpreter::builder()
        .sandboxed() // SandboxHost: no files, env, network or processes
        .max_instructions(5_000_000) // bytecode instructions per call of run/eval/call
        .max_memory(64 * 1024 * 1024) // bytes live in the interpreter's heap
        .timeout(Duration::from_millis(500))
        .recursion_limit(200)
        .build()?;
    py.set_global("items", vec![3_i64, 1, 2])?;
    py.add_function("shout", |s: String| -> String { s.to_uppercase() })?;
    py.run("result = sorted(items) + [len(shout('hi'))]")?;
    let v: Vec<i64> = py.eval("result")?.extract()?;
    assert_eq!(v, vec![1, 2, 3, 2]);
    match py.run("while True: pass") {
        Err(Error::Limit(LimitExceeded::Instructions)) => {}
        other => panic!("expected the instruction limit, got {other:?}"),
    }
    py.run("x = 1")?; // still usable after a limit was hit
    Ok(())
}
