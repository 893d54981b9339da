//! The interactive prompt (CPython: `Python/pythonrun.c: PyRun_InteractiveLoopFlags`,
//! `Lib/codeop.py` for deciding when a statement is complete).

use crate::Vm;
use crate::object::Payload;
use crate::value::Value;

/// What the compiler said about a chunk typed at the prompt.
enum Chunk {
    Complete,
    Incomplete,
    Error(crate::PyErr),
}

impl Vm {
    /// Run the read-eval-print loop on standard input in `__main__`'s namespace until end of
    /// input or `SystemExit`. Returns the exit status.
    pub fn run_repl(&mut self, banner: bool) -> i32 {
        let globals = match self.main_globals.clone() {
            Some(g) => g,
            None => {
                let main = self.new_module("__main__");
                let Payload::Module(md) = &main.payload else {
                    return 1;
                };
                let g = md.dict.clone();
                let bm = Value::Obj(self.builtins_module.clone());
                self.set_dict_str(&g, "__builtins__", bm);
                let key = self.new_str("__main__");
                let modules = self.modules.clone();
                let _ = self.dict_set(&modules, key, Value::Obj(main.clone()));
                self.main_globals = Some(g.clone());
                g
            }
        };
        if banner {
            self.write_stderr(b"Python 3.11.7 (Krait) on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
        }
        loop {
            let mut source = String::new();
            let mut prompt = ">>> ";
            let code = loop {
                self.flush_stdout();
                let p = self.sys_attr(if prompt == ">>> " { "ps1" } else { "ps2" });
                let text = match p {
                    Some(v) if !v.is_none() => {
                        self.str_string(&v).unwrap_or_else(|_| prompt.to_string())
                    }
                    _ => prompt.to_string(),
                };
                self.write_stderr(text.as_bytes());
                let line = self.host.read_stdin_line().unwrap_or_default();
                if line.is_empty() {
                    self.write_stderr(b"\n");
                    self.flush_stdout();
                    return 0;
                }
                let line = String::from_utf8_lossy(&line).into_owned();
                let blank = line.trim().is_empty();
                source.push_str(&line);
                if !source.ends_with('\n') {
                    source.push('\n');
                }
                if prompt == ">>> " && blank {
                    source.clear();
                    continue;
                }
                match self.classify(&source, blank) {
                    Chunk::Complete => {
                        break self.compile_source(
                            &source,
                            "<stdin>",
                            krait_compiler::Mode::Single,
                        );
                    }
                    Chunk::Incomplete => prompt = "... ",
                    Chunk::Error(e) => break Err(e),
                }
            };
            let result = match code {
                Ok(co) => self.run_code(co, globals.clone(), None).map(|_| ()),
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                let se = self.types.system_exit.clone();
                if self.err_matches(&e, &se) {
                    let status = self.handle_uncaught(e);
                    self.flush_stdout();
                    return status;
                }
                self.print_exception(&e);
            }
        }
    }

    /// Whether `source` is a complete statement, needs more lines, or is an error.
    fn classify(&mut self, source: &str, last_blank: bool) -> Chunk {
        let options = krait_compiler::CompileOptions {
            optimize: self.config.optimize,
            ..Default::default()
        };
        let first =
            krait_compiler::compile(source, "<stdin>", krait_compiler::Mode::Single, &options);
        // A compound statement continues until a blank line.
        let opens_block = source
            .lines()
            .next()
            .is_some_and(|l| l.trim_end().ends_with(':'));
        let continued = source.trim_end_matches('\n').ends_with('\\');
        match first {
            Ok(_) if (opens_block || source.lines().count() > 1) && !last_blank => {
                Chunk::Incomplete
            }
            Ok(_) if continued => Chunk::Incomplete,
            Ok(_) => Chunk::Complete,
            Err(e) => {
                let more = [
                    "unexpected EOF",
                    "was never closed",
                    "expected an indented block",
                    "unterminated triple-quoted",
                    "Expected an indented block",
                    "Unexpected end of input",
                ]
                .iter()
                .any(|m| e.msg.contains(m));
                if (more || continued) && !last_blank {
                    Chunk::Incomplete
                } else {
                    Chunk::Error(self.syntax_error_from(&e, "<stdin>"))
                }
            }
        }
    }
}
