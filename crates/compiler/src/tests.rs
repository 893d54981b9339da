//! Unit tests: the symbol table's resolution of names, and compile errors with CPython 3.11's
//! messages and locations (each expected value was produced by `python3 -c 'compile(...)'`).

use crate::symtable::{self, Resolution, ScopeKind};
use crate::{CompileOptions, ErrorKind, Mode, compile};

fn error_of(src: &str) -> (ErrorKind, String, u32, u32) {
    match compile(src, "f", Mode::Exec, &CompileOptions::default()) {
        Ok(_) => panic!("expected an error for {src:?}"),
        Err(e) => (e.kind, e.msg, e.line, e.col),
    }
}

#[test]
fn errors_match_cpython() {
    use ErrorKind::{IndentationError as I, SyntaxError as S, TabError as T};
    let cases: &[(&str, ErrorKind, &str, u32, u32)] = &[
        (
            "f() = 1\n",
            S,
            "cannot assign to function call here. Maybe you meant '==' instead of '='?",
            1,
            1,
        ),
        (
            "1 = x\n",
            S,
            "cannot assign to literal here. Maybe you meant '==' instead of '='?",
            1,
            1,
        ),
        ("None = 1\n", S, "cannot assign to None", 1, 1),
        (
            "def f():\n    [x async for x in y]\n",
            S,
            "asynchronous comprehension outside of an asynchronous function",
            2,
            5,
        ),
        (
            "def f():\n    async for x in y:\n        pass\n",
            S,
            "'async for' outside async function",
            2,
            5,
        ),
        (
            "async def f():\n    yield 1\n    return 2\n",
            S,
            "'return' with value in async generator",
            3,
            5,
        ),
        (
            "def f():\n    async with x:\n        pass\n",
            S,
            "'async with' outside async function",
            2,
            5,
        ),
        (
            "f() += 1\n",
            S,
            "'function call' is an illegal expression for augmented assignment",
            1,
            1,
        ),
        (
            "def f():\n    await x\n",
            S,
            "'await' outside async function",
            2,
            5,
        ),
        ("await x\n", S, "'await' outside function", 1, 1),
        ("break\n", S, "'break' outside loop", 1, 1),
        ("continue\n", S, "'continue' not properly in loop", 1, 1),
        ("__debug__ = 1\n", S, "cannot assign to __debug__", 1, 1),
        (
            "try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
            S,
            "default 'except:' must be last",
            3,
            1,
        ),
        ("del f()\n", S, "cannot delete function call", 1, 5),
        (
            "def f(a, a): pass\n",
            S,
            "duplicate argument 'a' in function definition",
            1,
            10,
        ),
        ("if x\n    pass\n", S, "expected ':'", 1, 5),
        (
            "if x:\npass\n",
            I,
            "expected an indented block after 'if' statement on line 1",
            2,
            1,
        ),
        (
            "x = 1\nfrom __future__ import annotations\n",
            S,
            "from __future__ imports must occur at the beginning of the file",
            2,
            1,
        ),
        (
            "from __future__ import nope\n",
            S,
            "future feature nope is not defined",
            1,
            1,
        ),
        (
            "def f():\n    x\n    global x\n",
            S,
            "name 'x' is used prior to global declaration",
            3,
            5,
        ),
        (
            "def f():\n    x = 1\n    global x\n",
            S,
            "name 'x' is assigned to before global declaration",
            3,
            5,
        ),
        (
            "def f(x):\n    global x\n",
            S,
            "name 'x' is parameter and global",
            2,
            5,
        ),
        (
            "def f():\n    from os import *\n",
            S,
            "import * only allowed at module level",
            2,
            20,
        ),
        ("x = 1abc\n", S, "invalid decimal literal", 1, 5),
        ("x = = 1\n", S, "invalid syntax", 1, 5),
        ("f(a=1, a=2)\n", S, "keyword argument repeated: a", 1, 8),
        (
            "match x:\n    case [a] | [b]:\n        pass\n",
            S,
            "alternative patterns bind different names",
            2,
            17,
        ),
        (
            "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
            S,
            "name capture 'y' makes remaining patterns unreachable",
            2,
            10,
        ),
        (
            "match x:\n    case [a, a]:\n        pass\n",
            S,
            "multiple assignments to name 'a' in pattern",
            2,
            14,
        ),
        (
            "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
            S,
            "wildcard makes remaining patterns unreachable",
            2,
            10,
        ),
        ("x = (1,\n", S, "'(' was never closed", 1, 5),
        (
            "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
            S,
            "name 'x' is nonlocal and global",
            4,
            9,
        ),
        (
            "nonlocal x\n",
            S,
            "nonlocal declaration not allowed at module level",
            1,
            1,
        ),
        (
            "def f():\n    nonlocal x\n",
            S,
            "no binding for nonlocal 'x' found",
            2,
            5,
        ),
        ("return 1\n", S, "'return' outside function", 1, 1),
        (
            "def f():\n    try:\n        pass\n    except* E:\n        return\n",
            S,
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
            9,
        ),
        (
            "*a = 1\n",
            S,
            "starred assignment target must be in a list or tuple",
            1,
            1,
        ),
        ("x = *a\n", S, "can't use starred expression here", 1, 5),
        (
            "*a, *b = c\n",
            S,
            "multiple starred expressions in assignment",
            1,
            1,
        ),
        ("x = 1\n    y = 2\n", I, "unexpected indent", 2, 4),
        (
            "if x:\n        a\n    b\n",
            I,
            "unindent does not match any outer indentation level",
            3,
            6,
        ),
        (
            "x = 'abc\n",
            S,
            "unterminated string literal (detected at line 1)",
            1,
            5,
        ),
        (
            "x = '''abc\n",
            S,
            "unterminated triple-quoted string literal (detected at line 1)",
            1,
            5,
        ),
        (
            "class C:\n    [(y := 1) for x in z]\n",
            S,
            "assignment expression within a comprehension cannot be used in a class body",
            2,
            7,
        ),
        (
            "[x for x in (y := [1])]\n",
            S,
            "assignment expression cannot be used in a comprehension iterable expression",
            1,
            14,
        ),
        (
            "async def f():\n    yield from x\n",
            S,
            "'yield from' inside async function",
            2,
            5,
        ),
        (
            "def f():\n    [(yield) for x in y]\n",
            S,
            "'yield' inside list comprehension",
            2,
            7,
        ),
        ("yield 1\n", S, "'yield' outside function", 1, 1),
        ("(a, b()) = 1\n", S, "cannot assign to function call", 1, 5),
        (
            "def f(a=1, b): pass\n",
            S,
            "non-default argument follows default argument",
            1,
            12,
        ),
        (
            "f(**a, *b)\n",
            S,
            "iterable argument unpacking follows keyword argument unpacking",
            1,
            8,
        ),
        (
            "print 'hello'\n",
            S,
            "Missing parentheses in call to 'print'. Did you mean print(...)?",
            1,
            1,
        ),
        ("a = (1, 2\nb = 3\n", S, "'(' was never closed", 1, 5),
        (
            "x = [1, 2)\n",
            S,
            "closing parenthesis ')' does not match opening parenthesis '['",
            1,
            10,
        ),
        ("x = }\n", S, "unmatched '}'", 1, 5),
        (
            "if x:\n  a\n else:\n  b\n",
            I,
            "unindent does not match any outer indentation level",
            3,
            7,
        ),
        (
            "def f():\n\tif x:\n        pass\n",
            T,
            "inconsistent use of tabs and spaces in indentation",
            3,
            1,
        ),
        (
            "a + 1 = 2\n",
            S,
            "cannot assign to expression here. Maybe you meant '==' instead of '='?",
            1,
            1,
        ),
        ("True = 1\n", S, "cannot assign to True", 1, 1),
        (
            "(yield) = 1\n",
            S,
            "cannot assign to yield expression here. Maybe you meant '==' instead of '='?",
            1,
            2,
        ),
        (
            "a, *b, c = *d\n",
            S,
            "can't use starred expression here",
            1,
            12,
        ),
        ("x += 1, = 2\n", S, "invalid syntax", 1, 9),
        (
            "0777\n",
            S,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            1,
            1,
        ),
        ("x = 5 $ 3\n", S, "invalid syntax", 1, 7),
        (
            "class C:\n    return 1\n",
            S,
            "'return' outside function",
            2,
            5,
        ),
        ("del (a, 1)\n", S, "cannot delete literal", 1, 9),
        (
            "def f():\n    x = 1\n    def g():\n        nonlocal y\n",
            S,
            "no binding for nonlocal 'y' found",
            4,
            9,
        ),
        ("import a.b as\n", S, "invalid syntax", 1, 14),
        ("del *a\n", S, "cannot delete starred", 1, 5),
        (
            "async def f():\n    yield from x\n",
            S,
            "'yield from' inside async function",
            2,
            5,
        ),
        ("f(a for a in b for)\n", S, "invalid syntax", 1, 19),
        (
            "try:\n    pass\n",
            S,
            "expected 'except' or 'finally' block",
            2,
            9,
        ),
        ("else:\n    pass\n", S, "invalid syntax", 1, 1),
        (
            "for f() in x: pass\n",
            S,
            "cannot assign to function call",
            1,
            5,
        ),
        (
            "def f():\n    global x\n    x: int = 1\n",
            S,
            "annotated name 'x' can't be global",
            3,
            5,
        ),
        (
            "match x:\n    case {1: a, 1: b}:\n        pass\n",
            S,
            "mapping pattern checks duplicate key (1)",
            2,
            10,
        ),
        (
            "match x:\n    case C(a=1, a=2):\n        pass\n",
            S,
            "attribute name repeated in class pattern: a",
            2,
            19,
        ),
        (
            "match x:\n    case [*a, *b]:\n        pass\n",
            S,
            "multiple starred names in sequence pattern",
            2,
            10,
        ),
        ("x = 'a' 1\n", S, "invalid syntax", 1, 9),
        ("a = b = c = \n", S, "invalid syntax", 1, 13),
        ("def f[T](): pass\n", S, "expected '('", 1, 6),
        ("type X = int\n", S, "invalid syntax", 1, 6),
        ("except* E: pass\n", S, "invalid syntax", 1, 1),
        (
            "try:\n    pass\nexcept* E:\n    pass\nexcept F:\n    pass\n",
            S,
            "cannot have both 'except' and 'except*' on the same 'try'",
            5,
            1,
        ),
        (
            "with a as f(): pass\n",
            S,
            "cannot assign to function call",
            1,
            11,
        ),
        (
            "[x for f() in y]\n",
            S,
            "cannot assign to function call",
            1,
            8,
        ),
        ("lambda: 1 = 2\n", S, "cannot assign to lambda", 1, 1),
        ("x.y += = 1\n", S, "invalid syntax", 1, 8),
        (
            "f(x for x in y, 1)\n",
            S,
            "Generator expression must be parenthesized",
            1,
            3,
        ),
    ];
    let mut bad = Vec::new();
    for (src, kind, msg, line, col) in cases {
        let got = error_of(src);
        if got != (*kind, msg.to_string(), *line, *col) {
            bad.push(format!("{src:?}: got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn too_many_starred_targets() {
    let names: Vec<String> = (0..300).map(|i| format!("a{i}")).collect();
    let src = format!("({}, *z) = x\n", names.join(", "));
    let (_, msg, line, col) = error_of(&src);
    assert_eq!(
        (msg.as_str(), line, col),
        ("too many expressions in star-unpacking assignment", 1, 1)
    );
}

fn scopes_of(src: &str) -> symtable::SymbolTable {
    let file = crate::positions::SourceFile::new(src);
    let (body, _) = crate::errors::parse(&file, Mode::Exec).expect("parses");
    symtable::build(&file, &body, None, false).expect("symbol table")
}

fn resolution(st: &symtable::SymbolTable, scope_name: &str, name: &str) -> Resolution {
    let scope = st
        .scopes
        .iter()
        .find(|s| s.name == scope_name)
        .expect("scope exists");
    scope.resolve(name)
}

#[test]
fn symtable_resolves_closures() {
    let st = scopes_of(
        "x = 1\ndef f(a):\n    b = 2\n    def g():\n        return a + b + x\n    return g\n",
    );
    assert_eq!(resolution(&st, "f", "a"), Resolution::Cell);
    assert_eq!(resolution(&st, "f", "b"), Resolution::Cell);
    assert_eq!(resolution(&st, "g", "a"), Resolution::Free);
    assert_eq!(resolution(&st, "g", "x"), Resolution::GlobalImplicit);
    assert_eq!(resolution(&st, "top", "x"), Resolution::Local);
}

#[test]
fn symtable_global_and_nonlocal() {
    let st = scopes_of(
        "def f():\n    global g\n    n = 0\n    def h():\n        nonlocal n\n        n += 1\n    g = h\n",
    );
    assert_eq!(resolution(&st, "f", "g"), Resolution::GlobalExplicit);
    assert_eq!(resolution(&st, "f", "n"), Resolution::Cell);
    assert_eq!(resolution(&st, "h", "n"), Resolution::Free);
}

#[test]
fn symtable_class_scopes() {
    let st = scopes_of("class C:\n    a = 1\n    def m(self):\n        return super().m(a)\n");
    let c = st
        .scopes
        .iter()
        .find(|s| s.name == "C")
        .expect("class scope");
    assert_eq!(c.kind, ScopeKind::Class);
    assert!(c.needs_class_closure, "super() in a method needs __class__");
    assert_eq!(resolution(&st, "m", "__class__"), Resolution::Free);
    // Class bodies are not enclosing scopes for their methods.
    assert_eq!(resolution(&st, "m", "a"), Resolution::GlobalImplicit);
}

#[test]
fn symtable_comprehensions_and_walrus() {
    let st = scopes_of("def f(xs):\n    ys = [y := x for x in xs]\n    return y\n");
    assert_eq!(resolution(&st, "listcomp", "x"), Resolution::Local);
    assert_eq!(resolution(&st, "listcomp", "y"), Resolution::Free);
    assert_eq!(resolution(&st, "f", "y"), Resolution::Cell);
    assert_eq!(resolution(&st, "listcomp", ".0"), Resolution::Local);
}

#[test]
fn private_names_are_mangled() {
    assert_eq!(symtable::mangle(Some("C"), "__x"), "_C__x");
    assert_eq!(symtable::mangle(Some("_C"), "__x"), "_C__x");
    assert_eq!(symtable::mangle(Some("C"), "__x__"), "__x__");
    assert_eq!(symtable::mangle(Some("__"), "__x"), "__x");
    assert_eq!(symtable::mangle(None, "__x"), "__x");
}

#[test]
fn optimize_levels() {
    let src = "\"doc\"\nassert x\ny = __debug__\n";
    let o0 = compile(src, "f", Mode::Exec, &CompileOptions::default()).expect("compiles");
    let o2 = compile(
        src,
        "f",
        Mode::Exec,
        &CompileOptions {
            optimize: 2,
            future_annotations: false,
        },
    )
    .expect("compiles");
    let ops =
        |c: &krait_bytecode::CodeObject| c.instructions.iter().map(|i| i.op).collect::<Vec<_>>();
    assert!(ops(&o0).contains(&krait_bytecode::Opcode::LOAD_ASSERTION_ERROR));
    assert!(!ops(&o2).contains(&krait_bytecode::Opcode::LOAD_ASSERTION_ERROR));
    assert!(o0.names.iter().any(|n| n == "__doc__"));
    assert!(!o2.names.iter().any(|n| n == "__doc__"));
}

#[test]
fn surrogates_survive() {
    let code = compile(
        "x = '\\ud800'\n",
        "f",
        Mode::Exec,
        &CompileOptions::default(),
    )
    .expect("compiles");
    assert!(
        code.constants.iter().any(
            |c| matches!(c, krait_bytecode::Constant::Str(s) if s.to_code_points() == [0xD800])
        )
    );
}

#[test]
fn modes() {
    let e = compile("1 + 2", "f", Mode::Eval, &CompileOptions::default()).expect("eval compiles");
    assert_eq!(
        e.instructions.last().map(|i| i.op),
        Some(krait_bytecode::Opcode::RETURN_VALUE)
    );
    let s = compile("x\n", "f", Mode::Single, &CompileOptions::default()).expect("single compiles");
    assert!(
        s.instructions
            .iter()
            .any(|i| i.op == krait_bytecode::Opcode::PRINT_EXPR)
    );
    assert!(
        compile(
            "x = 1\ny = 2\n",
            "f",
            Mode::Single,
            &CompileOptions::default()
        )
        .is_err()
    );
}

#[test]
fn never_panics_on_odd_input() {
    for src in [
        "",
        "\n\n",
        "(",
        ")",
        "def",
        "lambda: (yield)",
        "f(**)",
        "x = [",
        "'\\N{",
        "match x:\n case",
        "\u{feff}x = 1\n",
        "async",
        "@",
        "class C(",
        "\t\tx",
        "if 1:\n\tx\n        y\n",
    ] {
        let _ = compile(src, "f", Mode::Exec, &CompileOptions::default());
        let _ = compile(src, "f", Mode::Eval, &CompileOptions::default());
        let _ = compile(src, "f", Mode::Single, &CompileOptions::default());
    }
}
