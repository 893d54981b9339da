//! The embedding API (issue 6): the example, conversions both ways, registered functions and
//! modules, exceptions across the boundary, captured output, limits, isolation, threads.

// The tests measure and wait in real time: the host boundary does not apply to them.
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use krait::{
    BigInt, Bytes, CallArgs, Error, Handle, Interpreter, LimitExceeded, Module, Object, Output,
};

// Without the crate's `counting-allocator` feature the program installs the allocator itself.
#[cfg(not(feature = "counting-allocator"))]
#[global_allocator]
static ALLOCATOR: krait::CountingAllocator = krait::CountingAllocator::new();

fn sandbox() -> Interpreter {
    Interpreter::builder().sandboxed().build().unwrap()
}

#[test]
fn issue_example() -> Result<(), Error> {
    let mut py = Interpreter::builder()
        .sandboxed()
        .max_instructions(5_000_000)
        .max_memory(64 * 1024 * 1024)
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
    py.run("x = 1")?;
    Ok(())
}

#[test]
fn conversions_into_python() -> Result<(), Error> {
    let mut py = sandbox();
    py.set_global("i", 42_i32)?;
    py.set_global("u", u64::MAX)?;
    py.set_global("big", BigInt::from(7).pow(40))?;
    py.set_global("f", 1.5_f64)?;
    py.set_global("b", true)?;
    py.set_global("n", None::<i64>)?;
    py.set_global("s", "héllo")?;
    py.set_global("by", Bytes(vec![0, 255]))?;
    py.set_global("t", (1_i64, "two", 3.0_f64))?;
    let mut m = HashMap::new();
    m.insert("a".to_string(), vec![1_i64]);
    py.set_global("m", m)?;
    let mut bt = BTreeMap::new();
    bt.insert(2_i64, "x");
    py.set_global("bt", bt)?;
    py.run(
        "r = [type(i).__name__, u == 2**64 - 1, big == 7**40, f * 2, b, n is None, s.upper(), \
         by.hex(), t[1], m['a'][0], bt[2], type(t).__name__]",
    )?;
    assert_eq!(
        py.eval("repr(r)")?.extract::<String>()?,
        "['int', True, True, 3.0, True, True, 'HÉLLO', '00ff', 'two', 1, 'x', 'tuple']"
    );
    Ok(())
}

#[test]
fn conversions_from_python() -> Result<(), Error> {
    let mut py = sandbox();
    assert_eq!(
        py.eval("2**100")?.extract::<BigInt>()?,
        BigInt::from(2).pow(100)
    );
    assert_eq!(py.eval("-5")?.extract::<i8>()?, -5);
    assert_eq!(py.eval("0.25")?.extract::<f64>()?, 0.25);
    assert_eq!(py.eval("3")?.extract::<f64>()?, 3.0);
    assert!(py.eval("1 < 2")?.extract::<bool>()?);
    assert_eq!(py.eval("None")?.extract::<Option<i64>>()?, None);
    assert_eq!(py.eval("'a' * 3")?.extract::<String>()?, "aaa");
    assert_eq!(py.eval("b'xy'")?.extract::<Bytes>()?, Bytes(b"xy".to_vec()));
    assert_eq!(py.eval("b'xy'")?.extract::<Vec<u8>>()?, b"xy".to_vec());
    assert_eq!(
        py.eval("(1, 'a')")?.extract::<(i64, String)>()?,
        (1, "a".into())
    );
    let d: HashMap<String, Vec<i64>> = py.eval("{'k': [1, 2]}")?.extract()?;
    assert_eq!(d["k"], vec![1, 2]);
    let d: BTreeMap<i64, f64> = py.eval("{1: 1.5, 0: 2.0}")?.extract()?;
    assert_eq!(d.into_iter().collect::<Vec<_>>(), vec![(0, 2.0), (1, 1.5)]);
    // A wrong type names both types and does not panic.
    match py.eval("'x'")?.extract::<i64>() {
        Err(Error::Conversion { from, to }) => {
            assert_eq!((from.as_str(), to.as_str()), ("Python str", "i64"));
        }
        other => panic!("{other:?}"),
    }
    let e = py.eval("2**70")?.extract::<i64>().unwrap_err();
    assert!(e.to_string().contains("i64"), "{e}");
    // A list containing itself is refused, not recursed into forever.
    py.run("a = []; a.append(a)")?;
    assert!(matches!(py.eval("a"), Err(Error::Conversion { .. })));
    Ok(())
}

#[test]
fn handles_keep_objects_alive_and_call() -> Result<(), Error> {
    let mut py = sandbox();
    py.run("class C:\n    def __init__(self): self.n = 0\n    def bump(self, k): self.n += k; return self.n\nobj = C()")?;
    let h: Handle = py.eval("obj")?.extract()?;
    assert_eq!(h.type_name, "C");
    py.run("del obj")?;
    assert_eq!(
        py.call_method(h.clone(), "bump", (5_i64,))?
            .extract::<i64>()?,
        5
    );
    assert_eq!(
        py.call_method(h.clone(), "bump", (2_i64,))?
            .extract::<i64>()?,
        7
    );
    py.set_global("back", h)?;
    assert_eq!(py.eval("back.n")?.extract::<i64>()?, 7);
    // A shared list through eval_handle.
    let l = py.eval_handle("[1]")?;
    py.call_method(l.clone(), "append", (2_i64,))?;
    py.set_global("l", l)?;
    assert_eq!(py.eval("l")?.extract::<Vec<i64>>()?, vec![1, 2]);
    // Python functions called from Rust.
    py.run("def add(a, b=10): return a + b")?;
    assert_eq!(py.call("add", (1_i64, 2_i64))?.extract::<i64>()?, 3);
    let f = py.eval_handle("add")?;
    assert_eq!(py.call_handle(&f, (5_i64,))?.extract::<i64>()?, 15);
    Ok(())
}

#[test]
fn registered_functions_and_modules() -> Result<(), Error> {
    let mut py = sandbox();
    py.add_function("add", |a: i64, b: i64| a + b)?;
    py.add_function("div", |a: f64, b: f64| -> Result<f64, Error> {
        if b == 0.0 {
            Err(Error::new("ZeroDivisionError", "no dividing by zero here"))
        } else {
            Ok(a / b)
        }
    })?;
    py.add_function("kw", |a: CallArgs| -> String {
        format!(
            "{} positional, scale={:?}",
            a.args.len(),
            a.kwarg("scale").cloned()
        )
    })?;
    py.add_function("nothing", || ())?;
    assert_eq!(py.eval("add(2, 3)")?.extract::<i64>()?, 5);
    assert_eq!(
        py.eval("kw(1, 2, scale=3)")?.extract::<String>()?,
        "2 positional, scale=Some(Int(3))"
    );
    assert_eq!(py.eval("nothing()")?, Object::None);
    py.run("try:\n    div(1, 0)\nexcept ZeroDivisionError as e:\n    msg = str(e)")?;
    assert_eq!(
        py.get("msg")?.extract::<String>()?,
        "no dividing by zero here"
    );
    // Wrong argument types become TypeError in Python.
    py.run("try:\n    add('x', 1)\nexcept TypeError as e:\n    msg = str(e)")?;
    assert_eq!(
        py.get("msg")?.extract::<String>()?,
        "add(): cannot convert Python str to i64"
    );
    py.run("try:\n    add(1)\nexcept TypeError as e:\n    msg = str(e)")?;
    assert_eq!(
        py.get("msg")?.extract::<String>()?,
        "add() takes exactly 2 arguments (1 given)"
    );
    assert_eq!(
        py.eval("repr(add)")?.extract::<String>()?,
        "<built-in function add>"
    );
    py.add_module(
        Module::new("geometry")
            .function("area", |w: f64, h: f64| w * h)
            .constant("UNIT", "cm"),
    )?;
    py.run("import geometry\nr = (geometry.area(2, 3.5), geometry.UNIT)")?;
    assert_eq!(py.get("r")?.extract::<(f64, String)>()?, (7.0, "cm".into()));
    Ok(())
}

#[test]
fn exceptions_cross_the_boundary() {
    let mut py = sandbox();
    let e = py.run("def f(x):\n    return 1 / x\n\nf(0)").unwrap_err();
    let p = e.exception().expect("a Python exception").clone();
    assert_eq!(p.type_name, "ZeroDivisionError");
    assert_eq!(p.message, "division by zero");
    assert_eq!(
        p.traceback,
        "Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\n  \
         File \"<string>\", line 2, in f\n    \nZeroDivisionError: division by zero\n"
            .replace("    \n", "")
    );
    assert_eq!(e.to_string(), p.traceback.trim_end());
    let e = py.run("x = (").unwrap_err();
    assert_eq!(
        e.exception().map(|p| p.type_name.as_str()),
        Some("SyntaxError")
    );
    let e = py.eval("undefined_name").unwrap_err();
    assert_eq!(
        e.exception().map(|p| p.message.as_str()),
        Some("name 'undefined_name' is not defined")
    );
    // Still usable.
    assert_eq!(py.eval("1 + 1").unwrap().extract::<i64>().unwrap(), 2);
}

#[test]
fn output_capture_callback_and_stdin() -> Result<(), Error> {
    let mut py = Interpreter::builder()
        .sandboxed()
        .stdin("alice\nbob\n")
        .build()?;
    py.run("print('hi', input()); import sys; print('oops', file=sys.stderr); print(input())")?;
    assert_eq!(py.take_stdout(), "hi alice\nbob\n");
    assert_eq!(py.take_stderr(), "oops\n");
    assert_eq!(py.take_stdout(), "");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let mut py = Interpreter::builder()
        .sandboxed()
        .stdout(Output::Callback(Box::new(move |b| {
            s2.lock().unwrap().extend_from_slice(b)
        })))
        .stderr(Output::Discard)
        .build()?;
    py.run("for i in range(3): print(i)")?;
    assert_eq!(String::from_utf8_lossy(&seen.lock().unwrap()), "0\n1\n2\n");
    // Uncaught errors are returned, not printed.
    let _ = py.run("1/0");
    assert_eq!(String::from_utf8_lossy(&seen.lock().unwrap()), "0\n1\n2\n");
    Ok(())
}

#[test]
fn interpreters_are_isolated() -> Result<(), Error> {
    let mut a = sandbox();
    let mut b = sandbox();
    a.run("import sys; sys.modules['shared'] = 1; x = 'a'; import math; math.pi = 3")?;
    b.run("x = 'b'")?;
    assert_eq!(a.get("x")?.extract::<String>()?, "a");
    assert_eq!(b.get("x")?.extract::<String>()?, "b");
    assert!(b.eval("'shared' in __import__('sys').modules")? == Object::Bool(false));
    assert_eq!(b.eval("__import__('math').pi > 3.14")?, Object::Bool(true));
    // A handle of one interpreter is refused by the other.
    let h = a.eval_handle("object()")?;
    assert!(matches!(
        b.set_global("h", h),
        Err(Error::Conversion { .. })
    ));
    // Finalizers run in their own interpreter.
    a.run("class D:\n    def __del__(self): print('del in a')\nd = D()")?;
    b.run("print('b runs')")?;
    a.run("del d")?;
    assert_eq!(a.take_stdout(), "del in a\n");
    assert_eq!(b.take_stdout(), "b runs\n");
    // Limits are per interpreter.
    let mut small = Interpreter::builder()
        .sandboxed()
        .max_memory(8 << 20)
        .build()?;
    assert_eq!(
        small.run("x = [0] * (2 << 20)"),
        Err(Error::Limit(LimitExceeded::Memory))
    );
    a.run("y = [0] * (2 << 20)")?;
    Ok(())
}

// Reading the real `Lib/` needs the OS host.
#[cfg(feature = "host")]
#[test]
fn stdlib_imports() -> Result<(), Error> {
    let mut py = Interpreter::new()?;
    py.run("import json\nout = json.dumps({'a': [1, 2]})")?;
    assert_eq!(py.get("out")?.extract::<String>()?, "{\"a\": [1, 2]}");
    let mut sb = Interpreter::builder().sandboxed().build()?;
    assert!(sb.run("import json").is_err());
    let mut lent = Interpreter::builder().sandboxed().lend_stdlib().build()?;
    lent.run("import json\nout = json.loads('[3]')")?;
    assert_eq!(lent.get("out")?.extract::<Vec<i64>>()?, vec![3]);
    Ok(())
}

#[test]
fn interpreter_moves_between_threads() -> Result<(), Error> {
    fn assert_send<T: Send>() {}
    assert_send::<Interpreter>();
    assert_send::<Handle>();
    let mut py = sandbox();
    py.run("n = 41")?;
    let mut py = std::thread::spawn(move || {
        py.run("n += 1").unwrap();
        py
    })
    .join()
    .map_err(|_| Error::Internal("thread".into()))?;
    assert_eq!(py.get("n")?.extract::<i64>()?, 42);
    Ok(())
}

#[test]
fn limits_time_memory_recursion_interrupt() -> Result<(), Error> {
    let mut py = Interpreter::builder()
        .sandboxed()
        .timeout(Duration::from_millis(200))
        .max_memory(32 << 20)
        .recursion_limit(50)
        .build()?;
    let t = Instant::now();
    assert_eq!(
        py.run("while True:\n    try:\n        pass\n    finally:\n        pass"),
        Err(Error::Limit(LimitExceeded::Time))
    );
    assert!(
        t.elapsed() < Duration::from_millis(400),
        "{:?}",
        t.elapsed()
    );
    let mut py = Interpreter::builder()
        .sandboxed()
        .max_memory(32 << 20)
        .recursion_limit(50)
        .build()?;
    assert_eq!(
        py.run("a = []\ni = 0\nwhile True:\n    a.append(str(i) * 1000)\n    i += 1"),
        Err(Error::Limit(LimitExceeded::Memory))
    );
    py.run("del a")?;
    py.run(
        "def f(n): return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    msg = str(e)",
    )?;
    assert_eq!(
        py.get("msg")?.extract::<String>()?,
        "maximum recursion depth exceeded"
    );
    let mut py = Interpreter::builder().sandboxed().build()?;
    let h = py.interrupt_handle();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        h.interrupt();
    });
    assert_eq!(
        py.run("try:\n    while True: pass\nexcept BaseException:\n    while True: pass"),
        Err(Error::Interrupted)
    );
    let _ = stopper.join();
    assert_eq!(py.eval("6 * 7")?.extract::<i64>()?, 42);
    Ok(())
}
