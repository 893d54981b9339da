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

#[test]
fn keyword_arguments_both_ways() -> Result<(), Error> {
    let mut py = sandbox();
    // Python functions, handles and methods called from Rust with keyword arguments.
    py.run("def f(a, b=1, *, c=2): return (a, b, c)")?;
    assert_eq!(
        py.call_kw("f", (10_i64,), [("c", 30_i64)])?
            .extract::<(i64, i64, i64)>()?,
        (10, 1, 30)
    );
    let mut kw = BTreeMap::new();
    kw.insert("b", 5_i64);
    kw.insert("c", 6_i64);
    assert_eq!(
        py.call_kw("f", (0_i64,), kw)?
            .extract::<(i64, i64, i64)>()?,
        (0, 5, 6)
    );
    assert_eq!(
        py.call_kw(
            "f",
            (),
            vec![("a", Object::Int(1)), ("b", Object::Str("x".into()))]
        )?,
        Object::Tuple(vec![
            Object::Int(1),
            Object::Str("x".into()),
            Object::Int(2)
        ])
    );
    let e = py.call_kw("f", (1_i64,), [("z", 0_i64)]).unwrap_err();
    assert_eq!(
        e.exception()
            .map(|p| (p.type_name.as_str(), p.message.as_str())),
        Some(("TypeError", "f() got an unexpected keyword argument 'z'"))
    );
    let sorted = py.eval_handle("sorted")?;
    assert_eq!(
        py.call_handle_kw(&sorted, (vec![3_i64, 1, 2],), [("reverse", true)])?
            .extract::<Vec<i64>>()?,
        vec![3, 2, 1]
    );
    assert_eq!(
        py.call_method_kw(
            "a-b-c",
            "split",
            (),
            [
                ("sep", Object::Str("-".into())),
                ("maxsplit", Object::Int(1))
            ]
        )?
        .extract::<Vec<String>>()?,
        vec!["a".to_string(), "b-c".to_string()]
    );
    py.run("class P:\n    def scale(self, x, *, by=2): return x * by\np = P()")?;
    let p = py.eval_handle("p")?;
    assert_eq!(
        py.call_method_kw(p, "scale", (4_i64,), [("by", 10_i64)])?
            .extract::<i64>()?,
        40
    );
    // Rust functions of a native module called from Python with keyword arguments.
    py.add_module(
        Module::new("fmt").function("join", |a: CallArgs| -> Result<String, Error> {
            let sep = match a.kwarg("sep") {
                Some(s) => s.clone().extract::<String>()?,
                None => " ".to_string(),
            };
            let parts = a
                .args
                .into_iter()
                .map(Object::extract::<String>)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(parts.join(&sep))
        }),
    )?;
    py.run("import fmt\nr = [fmt.join('a', 'b'), fmt.join('a', 'b', sep='-'), fmt.join(sep='+')]")?;
    assert_eq!(
        py.get("r")?.extract::<Vec<String>>()?,
        vec!["a b".to_string(), "a-b".to_string(), String::new()]
    );
    // A typed (positional-only) Rust function refuses keywords with a TypeError.
    py.add_function("add", |a: i64, b: i64| a + b)?;
    py.run("try:\n    add(1, b=2)\nexcept TypeError as e:\n    msg = str(e)")?;
    assert_eq!(
        py.get("msg")?.extract::<String>()?,
        "add() takes no keyword arguments"
    );
    Ok(())
}

#[test]
fn rust_errors_become_python_exceptions() -> Result<(), Error> {
    let mut py = sandbox();
    py.add_function("parse", |s: String| s.trim().parse::<i64>())?;
    py.add_function("parse_f", |s: String| s.parse::<f64>())?;
    py.add_function("small", |n: i64| u8::try_from(n))?;
    py.add_function("open_it", |p: String| -> Result<(), std::io::Error> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no such file: {p}"),
        ))
    })?;
    py.add_function("denied", || -> Result<(), std::io::Error> {
        Err(std::io::ErrorKind::PermissionDenied.into())
    })?;
    py.add_function(
        "boxed",
        || -> Result<(), Box<dyn std::error::Error + Send + Sync>> { Err("plugin failed".into()) },
    )?;
    py.add_function("utf8", |b: Bytes| String::from_utf8(b.0))?;
    assert_eq!(py.eval("parse(' 42 ')")?.extract::<i64>()?, 42);
    py.run(
        "out = []\n\
         for f, a in [(parse, 'x'), (parse_f, 'y'), (small, 300), (open_it, 'a.txt'), \
         (denied, None), (boxed, None), (utf8, b'\\xff')]:\n\
         \x20   try:\n\
         \x20       f() if a is None else f(a)\n\
         \x20   except Exception as e:\n\
         \x20       out.append((type(e).__name__, str(e), isinstance(e, OSError)))",
    )?;
    let got: Vec<(String, String, bool)> = py.get("out")?.extract()?;
    let got: Vec<(&str, &str, bool)> = got
        .iter()
        .map(|(t, m, o)| (t.as_str(), m.as_str(), *o))
        .collect();
    assert_eq!(
        got,
        vec![
            ("ValueError", "invalid digit found in string", false),
            ("ValueError", "invalid float literal", false),
            (
                "OverflowError",
                "out of range integral type conversion attempted",
                false
            ),
            ("FileNotFoundError", "no such file: a.txt", true),
            ("PermissionError", "permission denied", true),
            ("RuntimeError", "plugin failed", false),
            (
                "ValueError",
                "invalid utf-8 sequence of 1 bytes from index 0",
                false
            ),
        ]
    );
    // Uncaught, the mapped exception comes back to Rust as that Python exception.
    let e = py.run("parse('nope')").unwrap_err();
    let p = e.exception().expect("a Python exception");
    assert_eq!(
        (p.type_name.as_str(), p.message.as_str()),
        ("ValueError", "invalid digit found in string")
    );
    assert_eq!(
        e.to_string(),
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n\
         ValueError: invalid digit found in string"
    );
    Ok(())
}

#[test]
fn wrong_types_name_both_types() -> Result<(), Error> {
    let mut py = sandbox();
    fn check<T: krait::FromPython + std::fmt::Debug>(o: Object, from: &str, to: &str) {
        match o.extract::<T>() {
            Err(Error::Conversion { from: f, to: t }) => {
                assert!(f.contains(from), "from {f:?} should name {from}");
                assert!(t.contains(to), "to {t:?} should name {to}");
                let shown = Error::Conversion { from: f, to: t }.to_string();
                assert!(shown.contains(from) && shown.contains(to), "{shown}");
            }
            other => panic!("expected a conversion error {from} -> {to}, got {other:?}"),
        }
    }
    check::<i64>(py.eval("'x'")?, "str", "i64");
    check::<u8>(py.eval("256")?, "int", "u8");
    check::<i64>(py.eval("2**70")?, "int", "i64");
    check::<BigInt>(py.eval("1.5")?, "float", "BigInt");
    check::<f64>(py.eval("'1.5'")?, "str", "f64");
    check::<f64>(py.eval("10**400")?, "int", "f64");
    check::<bool>(py.eval("1")?, "int", "bool");
    check::<String>(py.eval("b'x'")?, "bytes", "String");
    check::<Bytes>(py.eval("'x'")?, "str", "Bytes");
    check::<Vec<i64>>(py.eval("{1: 2}")?, "dict", "Vec");
    check::<Vec<i64>>(py.eval("[1, 'a']")?, "str", "i64");
    check::<(i64, i64)>(py.eval("(1, 2, 3)")?, "tuple", "tuple of 2");
    check::<HashMap<String, i64>>(py.eval("[1]")?, "list", "HashMap");
    check::<BTreeMap<i64, i64>>(py.eval("{'a': 1}")?, "str", "i64");
    check::<Option<i64>>(py.eval("'x'")?, "str", "i64");
    check::<()>(py.eval("0")?, "int", "()");
    check::<Handle>(py.eval("[1]")?, "list", "Handle");
    check::<String>(py.eval("{1, 2}")?, "set", "String");
    check::<i64>(py.eval("object()")?, "object", "i64");
    // Into Python: a handle of another interpreter is refused, naming both sides.
    let h = sandbox().eval_handle("object()")?;
    match py.set_global("h", h) {
        Err(Error::Conversion { from, to }) => {
            assert!(from.contains("another interpreter") && to.contains("this one"));
        }
        other => panic!("{other:?}"),
    }
    // Registered functions turn the mismatch into a TypeError naming both types.
    py.add_function("half", |x: f64| x / 2.0)?;
    py.run("try:\n    half([1])\nexcept TypeError as e:\n    msg = str(e)")?;
    assert_eq!(
        py.get("msg")?.extract::<String>()?,
        "half(): cannot convert Python list to f64"
    );
    Ok(())
}

#[test]
fn error_display_is_what_cpython_prints() {
    // Each expected text is CPython 3.11's stderr for `python3 -c <source>`, minus the final
    // newline.
    let cases: [(&str, &str); 6] = [
        (
            "x = (",
            "  File \"<string>\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed",
        ),
        (
            "if True:\n  x\n   y",
            "  File \"<string>\", line 3\n    y\nIndentationError: unexpected indent",
        ),
        (
            "try:\n    {}['k']\nexcept KeyError as e:\n    raise ValueError('bad') from e",
            "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\n\
             KeyError: 'k'\n\nThe above exception was the direct cause of the following exception:\n\n\
             Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\nValueError: bad",
        ),
        (
            "try:\n    1/0\nexcept ZeroDivisionError:\n    int('z')",
            "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\n\
             ZeroDivisionError: division by zero\n\nDuring handling of the above exception, another exception occurred:\n\n\
             Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\n\
             ValueError: invalid literal for int() with base 10: 'z'",
        ),
        (
            "class E(Exception):\n    def __str__(self):\n        return 'custom'\nraise E(1)",
            "Traceback (most recent call last):\n  File \"<string>\", line 4, in <module>\nE: custom",
        ),
        (
            "raise KeyError('k')",
            "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nKeyError: 'k'",
        ),
    ];
    for (src, want) in cases {
        let mut py = sandbox();
        let e = py.run(src).unwrap_err();
        assert_eq!(e.to_string(), want, "for {src:?}");
        let p = e.exception().expect("a Python exception");
        assert_eq!(p.traceback.trim_end(), want);
        let last = want.lines().last().unwrap_or_default();
        assert!(last.starts_with(&format!("{}: ", p.type_name)), "{last}");
    }
    // An exception made in Rust (no traceback yet) shows CPython's last line.
    assert_eq!(
        Error::value_error("bad value").to_string(),
        "ValueError: bad value"
    );
}

#[test]
fn interpreters_run_in_parallel_under_their_own_limits() -> Result<(), Error> {
    // Two interpreters busy at the same time on two threads: one hits its heap cap, the
    // other (allocating as much, under a larger cap) finishes; each counts its own heap.
    let mut small = Interpreter::builder()
        .sandboxed()
        .max_memory(16 << 20)
        .build()?;
    let mut big = Interpreter::builder()
        .sandboxed()
        .max_memory(256 << 20)
        .build()?;
    let prog = "a = []\nfor i in range(300):\n    a.append(bytearray(100_000))\nn = len(a)";
    let t = std::thread::spawn(move || {
        let r = big.run(prog);
        (r, big)
    });
    let r_small = small.run(prog);
    let (r_big, mut big) = t.join().map_err(|_| Error::Internal("thread".into()))?;
    assert_eq!(r_small, Err(Error::Limit(LimitExceeded::Memory)));
    r_big?;
    assert_eq!(big.get("n")?.extract::<i64>()?, 300);
    small.clear_globals()?;
    assert!(small.memory_in_use()? < 16 << 20);
    small.run("b = bytearray(1 << 20)")?;
    Ok(())
}

#[test]
fn captured_output_counts_against_the_cap_until_taken() -> Result<(), Error> {
    let mut py = Interpreter::builder()
        .sandboxed()
        .max_memory(24 << 20)
        .build()?;
    // Printing cannot grow the capture buffer past the cap...
    assert_eq!(
        py.run("while True:\n    print('x' * 1_000_000)"),
        Err(Error::Limit(LimitExceeded::Memory))
    );
    assert!(py.take_stdout().len() > 1_000_000);
    // ...and what the embedder takes out is given back: 60 MB printed in 1 MB calls under a
    // 24 MB cap.
    let before = py.memory_in_use()?;
    for _ in 0..60 {
        py.run("print('y' * 1_000_000)")?;
        assert_eq!(py.take_stdout().len(), 1_000_001);
    }
    let after = py.memory_in_use()?;
    assert!(after < before + (4 << 20), "{before} -> {after}");
    Ok(())
}

#[test]
fn python_threads_run_during_calls_and_stop_with_a_limit() -> Result<(), Error> {
    let mut py = Interpreter::builder()
        .sandboxed()
        .timeout(Duration::from_millis(300))
        .max_memory(48 << 20)
        .build()?;
    // A thread's work is done by the time the call that waited for it returns.
    py.run(
        "import _thread\nres = []\ndone = _thread.allocate_lock()\ndone.acquire()\n\
         def work(n):\n    res.append(sum(range(n)))\n    done.release()\n\
         _thread.start_new_thread(work, (1000,))\ndone.acquire()",
    )?;
    assert_eq!(py.eval("res")?.extract::<Vec<i64>>()?, vec![499500]);
    assert_eq!(py.eval("_thread._count()")?.extract::<i64>()?, 0);
    // A thread in an endless loop: the call waiting on it ends with the timeout, and the
    // thread is gone with it (no Python code of the interpreter runs after the call).
    let t = Instant::now();
    assert_eq!(
        py.run(
            "gate = _thread.allocate_lock()\ngate.acquire()\n\
             def spin():\n    while True:\n        pass\n\
             _thread.start_new_thread(spin, ())\ngate.acquire()"
        ),
        Err(Error::Limit(LimitExceeded::Time))
    );
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert_eq!(py.eval("_thread._count()")?.extract::<i64>()?, 0);
    // A thread that allocates past the heap cap stops the call and itself.
    assert_eq!(
        py.run(
            "def grow():\n    a = []\n    while True:\n        a.append(bytearray(1 << 16))\n\
             _thread.start_new_thread(grow, ())\ngate.acquire()"
        ),
        Err(Error::Limit(LimitExceeded::Memory))
    );
    assert_eq!(py.eval("_thread._count()")?.extract::<i64>()?, 0);
    // The interpreter is usable afterwards, threads included.
    py.run("done.acquire(False)\n_thread.start_new_thread(work, (10,))\ndone.acquire()")?;
    assert_eq!(py.eval("res")?.extract::<Vec<i64>>()?, vec![499500, 45]);
    Ok(())
}

#[test]
fn dropping_an_interpreter_with_a_running_thread_is_safe() -> Result<(), Error> {
    let mut py = sandbox();
    py.run(
        "import _thread\nstarted = _thread.allocate_lock()\nstarted.acquire()\n\
         def spin():\n    started.release()\n    while True:\n        pass\n\
         _thread.start_new_thread(spin, ())\nstarted.acquire()",
    )?;
    // The thread is parked on the interpreter lock between calls and forever after the drop.
    drop(py);
    let mut py = sandbox();
    py.run("x = 1")?;
    Ok(())
}

#[test]
fn a_caught_panic_leaves_no_frames_behind() -> Result<(), Error> {
    // A registered function that panics unwinds through Python frames; the interpreter
    // reports it and stays usable, with no record of the unwound frames (they borrowed code
    // and globals the unwinding freed: walking them crashed).
    let mut py = sandbox();
    py.add_function("boom", || -> i64 { panic!("host bug") })?;
    let r = py.run("def inner():\n    return boom()\ninner()");
    match r {
        Err(Error::Internal(msg)) => assert!(msg.contains("panicked"), "{msg}"),
        other => panic!("expected the panic to be reported, got {other:?}"),
    }
    py.run("del inner")?;
    py.run(
        "import sys\nnames = []\nf = sys._getframe()\nwhile f is not None:\n    \
         names.append(f.f_code.co_name)\n    f = f.f_back",
    )?;
    assert_eq!(py.get("names")?.extract::<Vec<String>>()?, vec!["<module>"]);
    Ok(())
}
