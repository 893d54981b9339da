//! The `krait` command: CPython's command line (`python3 [options] [-c cmd | -m mod | file | -] [args]`).

use krait::os::{RealClock, RealStdio, mount_readonly};
use krait_host_env as env;
use krait_vm::host::{Clock, Host, OsHost, SandboxHost};
use krait_vm::limits::LimitKind;
use krait_vm::{Config, Vm};

/// Stack size of the thread that runs Python code: deep enough for the default recursion
/// limit with room to spare; the VM refuses to recurse within `STACK_MARGIN` of the end.
const STACK_SIZE: usize = 256 << 20;
const STACK_MARGIN: usize = 32 << 20;

const USAGE: &str = "usage: krait [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

const HELP: &str = "\
usage: krait [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options (and corresponding environment variables):
-B     : don't write .pyc files on import
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script
-I     : isolate Python from the user's environment (implies -E and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements
-OO    : do -O changes and also discard docstrings
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered
-V     : print the Python version number and exit (also --version)
-X opt : set implementation-specific option
-W arg : warning control
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Sandbox options (Krait):
--sandbox          : run against an in-memory host: no access to files, environment,
                     processes or sockets of this machine (see docs/security.md)
--sandbox-dir DIR  : with --sandbox, copy DIR in read-only (and start there)
--sandbox-env N=V  : with --sandbox, give the program this environment variable
";

/// `--sandbox` settings.
#[derive(Default)]
struct SandboxOpts {
    on: bool,
    dirs: Vec<String>,
    env: Vec<(String, String)>,
}

enum Program {
    Command(String),
    Module(String),
    File(String),
    Stdin,
}

fn main() {
    env::process::tune_malloc();
    krait_vm::set_page_release(env::process::release_pages);
    // Descriptors a parent passed (`pass_fds`) are usable, as in CPython (docs/security.md).
    env::fs::record_inherited();
    let args = env::environ::args();
    let mut config = Config {
        orig_argv: args.clone(),
        ..Config::default()
    };
    let mut limits = Limits::default();
    let mut program = None;
    // `-X pycache_prefix=PATH`, which wins over `PYTHONPYCACHEPREFIX`.
    let mut xprefix: Option<String> = None;
    let mut dash = false;
    let mut sandbox = SandboxOpts::default();
    // `-W` options, which follow `PYTHONWARNINGS`'s in `sys.warnoptions`.
    let mut wopts: Vec<String> = Vec::new();
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        if a == "--sandbox" {
            sandbox.on = true;
            i += 1;
            continue;
        }
        if a == "--sandbox-dir" || a == "--sandbox-env" {
            let Some(v) = args.get(i + 1) else {
                eprint_err(&format!("Argument expected for the {a} option\n{USAGE}"));
                env::process::exit(2);
            };
            if a == "--sandbox-dir" {
                sandbox.dirs.push(v.clone());
            } else {
                match v.split_once('=') {
                    Some((k, val)) if !k.is_empty() => {
                        sandbox.env.push((k.to_string(), val.to_string()));
                    }
                    _ => {
                        eprint_err(&format!("--sandbox-env expects NAME=VALUE, not {v}\n"));
                        env::process::exit(2);
                    }
                }
            }
            i += 2;
            continue;
        }
        if a == "--version" {
            println_out("Python 3.11.7");
            env::process::exit(0);
        }
        if a == "--help" {
            print_out(HELP);
            env::process::exit(0);
        }
        if parse_limit_option(&args, &mut i, &mut limits) {
            continue;
        }
        if a == "-" {
            program = Some(Program::Stdin);
            dash = true;
            i += 1;
            break;
        }
        if !a.starts_with('-') || a.len() == 1 {
            program = Some(Program::File(a.clone()));
            i += 1;
            break;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        let mut done = false;
        while j < flags.len() {
            let c = flags[j];
            match c {
                'c' | 'm' | 'X' | 'W' => {
                    let rest: String = flags[j + 1..].iter().collect();
                    let value = if !rest.is_empty() {
                        rest
                    } else {
                        i += 1;
                        match args.get(i) {
                            Some(v) => v.clone(),
                            None => {
                                eprint_err(&format!(
                                    "Argument expected for the -{c} option\n{USAGE}Try `python -h' for more information.\n"
                                ));
                                env::process::exit(2);
                            }
                        }
                    };
                    match c {
                        'X' => {
                            if let Some(p) = value.strip_prefix("pycache_prefix=") {
                                xprefix = Some(p.to_string());
                            }
                            if value == "no_debug_ranges" {
                                config.no_debug_ranges = true;
                            }
                            config.xoptions.push(value);
                        }
                        'W' => wopts.push(value),
                        'c' => {
                            program = Some(Program::Command(value));
                            done = true;
                        }
                        'm' => {
                            program = Some(Program::Module(value));
                            done = true;
                        }
                        _ => {}
                    }
                    break;
                }
                'B' => config.dont_write_bytecode = true,
                'E' => config.ignore_environment = true,
                'I' => {
                    config.isolated = true;
                    config.ignore_environment = true;
                    config.no_user_site = true;
                }
                's' => config.no_user_site = true,
                'S' => config.no_site = true,
                'i' => config.inspect = true,
                'u' => config.unbuffered = true,
                'O' => config.optimize = (config.optimize + 1).min(2),
                'q' | 'b' | 'd' | 'v' | 'x' | 'R' => {}
                'V' => {
                    println_out("Python 3.11.7");
                    env::process::exit(0);
                }
                'h' | '?' => {
                    print_out(HELP);
                    env::process::exit(0);
                }
                _ => {
                    eprint_err(&format!(
                        "Unknown option: -{c}\n{USAGE}Try `python -h' for more information.\n"
                    ));
                    env::process::exit(2);
                }
            }
            j += 1;
        }
        i += 1;
        if done {
            break;
        }
    }
    let rest: Vec<String> = args.get(i..).map(<[String]>::to_vec).unwrap_or_default();
    let program = program.unwrap_or(Program::Stdin);
    let cwd = env::fs::getcwd().unwrap_or_default();
    let (argv0, path0) = match &program {
        Program::Command(_) => ("-c".to_string(), String::new()),
        Program::Module(_) => (String::from("-m"), cwd.clone()),
        Program::File(f) => {
            let dir = match f.rfind('/') {
                Some(p) => f[..p].to_string(),
                None => String::new(),
            };
            let abs = if dir.starts_with('/') {
                dir
            } else if dir.is_empty() {
                cwd.clone()
            } else {
                format!("{cwd}/{dir}")
            };
            (f.clone(), abs)
        }
        Program::Stdin => (
            if dash {
                String::from("-")
            } else {
                String::new()
            },
            String::new(),
        ),
    };
    config.argv = std::iter::once(argv0).chain(rest).collect();
    // As CPython 3.9+, the script's name becomes absolute (the working directory joined on,
    // not normalised) for `__file__`, code objects and tracebacks; `sys.argv[0]` keeps the
    // name as typed.
    let program = match program {
        Program::File(f) if !f.starts_with('/') && !cwd.is_empty() => {
            Program::File(format!("{cwd}/{f}"))
        }
        other => other,
    };
    config.executable = env::environ::current_exe().unwrap_or_default();
    // `-I` implies `-P`: the script's folder (or '' for -c) is not put on sys.path. It goes
    // in front after `site` ran, as CPython 3.11 does (so `site` leaves '' alone).
    let path0 = (!config.isolated).then_some(path0);
    config.stdlib = stdlib_dir();
    if !config.ignore_environment {
        if let Some(pp) = env::environ::var("PYTHONPATH") {
            config
                .path
                .extend(pp.split(':').filter(|s| !s.is_empty()).map(String::from));
        }
        if let Some(seed) = env::environ::var("PYTHONHASHSEED")
            && seed != "random"
        {
            match seed.parse::<u32>() {
                Ok(s) => config.hash_seed = Some(s),
                Err(_) => {
                    eprint_err(
                        "Fatal Python error: PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]\n",
                    );
                    env::process::exit(1);
                }
            }
        }
        if let Some(p) = env::environ::var("PYTHONPYCACHEPREFIX").filter(|v| !v.is_empty()) {
            config.pycache_prefix = Some(p);
        }
        if env::environ::var("PYTHONDONTWRITEBYTECODE").is_some_and(|v| !v.is_empty()) {
            config.dont_write_bytecode = true;
        }
        if env::environ::var("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()) {
            config.unbuffered = true;
        }
        if env::environ::var("PYTHONNOUSERSITE").is_some_and(|v| !v.is_empty()) {
            config.no_user_site = true;
        }
        if env::environ::var("PYTHONNODEBUGRANGES").is_some_and(|v| !v.is_empty()) {
            config.no_debug_ranges = true;
        }
        if let Some(w) = env::environ::var("PYTHONWARNINGS") {
            config
                .warnoptions
                .extend(w.split(',').filter(|s| !s.is_empty()).map(String::from));
        }
    }
    config.warnoptions.extend(wopts);
    if xprefix.is_some() {
        config.pycache_prefix = xprefix;
    }
    env::signals::block_in_this_thread(true);
    let status = std::thread::Builder::new()
        .name(String::from("main"))
        .stack_size(STACK_SIZE)
        .spawn(move || {
            env::signals::block_in_this_thread(false);
            let pid = env::process::pid();
            let status = run(config, path0, program, sandbox, limits);
            // A child of `os.fork()` has only this thread: it ends the process itself.
            if env::process::pid() != pid {
                env::process::exit(status);
            }
            status
        })
        .map(|h| h.join().unwrap_or(1))
        .unwrap_or(1);
    env::process::exit(status);
}

/// The host the program runs against: the OS, or a sandbox populated as the options say.
fn make_host(sandbox: &SandboxOpts, stdlib: &str) -> Result<Box<dyn Host>, String> {
    if !sandbox.on {
        if !sandbox.dirs.is_empty() || !sandbox.env.is_empty() {
            return Err(String::from(
                "--sandbox-dir and --sandbox-env need --sandbox",
            ));
        }
        return Ok(Box::new(OsHost::default()));
    }
    let mut host = SandboxHost::new()
        .with_stdio(Box::new(RealStdio))
        .with_clock(Clock::Source(Box::new(RealClock)))
        .with_env(sandbox.env.clone());
    // The standard library is lent read-only, so `import os` works in the sandbox (if it
    // is missing, imports fail later with the usual message).
    if !stdlib.is_empty() {
        let _ = mount_readonly(&mut host, stdlib);
    }
    let mut first = None;
    for d in &sandbox.dirs {
        let at = mount_readonly(&mut host, d).map_err(|e| format!("--sandbox-dir {d}: {e}"))?;
        first.get_or_insert(at);
    }
    if let Some(at) = first {
        host.set_cwd(&at)
            .map_err(|e| format!("--sandbox-dir: {e}"))?;
    }
    Ok(Box::new(host))
}

/// CPython 3.11's `Lib/`: `$KRAIT_STDLIB` (honoured even under `-E`/`-I`: it says where the
/// library is, as a build setting would), else the folder found when Krait was built.
fn stdlib_dir() -> String {
    match env::environ::var("KRAIT_STDLIB") {
        Some(p) if !p.is_empty() => p,
        _ => String::from(env!("KRAIT_BUILD_STDLIB")),
    }
}

fn run(
    config: Config,
    path0: Option<String>,
    program: Program,
    sandbox: SandboxOpts,
    limits: Limits,
) -> i32 {
    let inspect = config.inspect;
    let host = match make_host(&sandbox, &config.stdlib) {
        Ok(h) => h,
        Err(msg) => {
            eprint_err(&format!("krait: {msg}\n"));
            return 2;
        }
    };
    let before = krait_vm::limits::thread_allocated();
    let mut vm = Vm::new(host, config);
    krait_stdlib::register(&mut vm);
    vm.limits
        .add_memory(krait_vm::limits::thread_allocated() - before);
    env::signals::install_sigint(vm.interrupt.clone());
    env::signals::set_trigger(vm.limits.ticks.clone(), krait_vm::limits::FORCED);
    let here = 0u8;
    let top = &here as *const u8 as usize;
    vm.stack_limit = top.saturating_sub(STACK_SIZE - STACK_MARGIN);
    if let Some(n) = limits.recursion {
        vm.recursion_limit = n;
    }
    // Startup (`import site` and the `.pth` files it runs) comes before the limits: they are
    // the program's budget, the same whatever this machine's site-packages hold.
    let started = vm.start(path0.as_deref());
    vm.limits.max_instructions = limits.instructions;
    vm.limits.max_memory = limits.memory;
    vm.limits.timeout = limits.timeout;
    vm.limits.clock = Some(env::clock::monotonic);
    // The watchdog makes the timeout hold inside loops of long native calls too.
    let watchdog = match limits.timeout {
        Some(t) => krait::watchdog::Watchdog::spawn(vm.limits.ticks.clone())
            .ok()
            .inspect(|w| w.arm(t)),
        None => None,
    };
    vm.limits_enter();
    let status = match started {
        Ok(()) => run_program(&mut vm, program, inspect),
        Err(status) => status,
    };
    if let Some(w) = &watchdog {
        w.disarm();
    }
    if let Some(kind) = vm.limits_exit().or(vm.limits.last_tripped) {
        vm.flush_stdout();
        eprint_err(&format!("krait: {}\n", limits.describe(kind)));
        return 1;
    }
    status
}

fn run_program(vm: &mut Vm, program: Program, inspect: bool) -> i32 {
    let status = match program {
        Program::Command(cmd) => vm.run_main(&cmd, "<string>"),
        Program::File(path) => match env::fs::read(&path) {
            Ok(bytes) => vm.run_main_bytes(&bytes, &path),
            Err(e) => {
                let (errno, text) = match e.kind() {
                    std::io::ErrorKind::NotFound => (2, "No such file or directory"),
                    std::io::ErrorKind::PermissionDenied => (13, "Permission denied"),
                    _ => (e.raw_os_error().unwrap_or(5), "Input/output error"),
                };
                let exe = env::environ::args()
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| String::from("krait"));
                eprint_err(&format!(
                    "{exe}: can't open file '{path}': [Errno {errno}] {text}\n"
                ));
                2
            }
        },
        Program::Module(name) => vm.run_module_main(&name),
        Program::Stdin if inspect || env::stdio::stdin_is_tty() => {
            return vm.run_repl(env::stdio::stdin_is_tty());
        }
        Program::Stdin => {
            let src = env::stdio::read_stdin_all().unwrap_or_default();
            let src = String::from_utf8_lossy(&src).into_owned();
            vm.run_main(&src, "<stdin>")
        }
    };
    if inspect {
        return vm.run_repl(false);
    }
    if vm.exit_by_sigint {
        env::signals::exit_by_sigint();
    }
    status
}

fn print_out(s: &str) {
    let _ = env::stdio::write_stdout(s.as_bytes());
}

fn println_out(s: &str) {
    print_out(s);
    print_out("\n");
}

fn eprint_err(s: &str) {
    let _ = env::stdio::write_stderr(s.as_bytes());
}

/// The resource limits given on the command line (`--max-instructions` and friends).
#[derive(Default)]
struct Limits {
    instructions: Option<u64>,
    memory: Option<usize>,
    timeout: Option<f64>,
    recursion: Option<usize>,
}

impl Limits {
    /// The one line reported when `kind` ended the run.
    fn describe(&self, kind: LimitKind) -> String {
        match kind {
            LimitKind::Instructions => format!(
                "instruction limit of {} exceeded",
                self.instructions.unwrap_or_default()
            ),
            LimitKind::Memory => format!(
                "memory limit of {} bytes exceeded",
                self.memory.unwrap_or_default()
            ),
            LimitKind::Time => format!(
                "time limit of {} seconds exceeded",
                self.timeout.unwrap_or_default()
            ),
            LimitKind::Cancelled => String::from("interrupted"),
        }
    }
}

/// Parse `--max-instructions N`, `--max-memory BYTES`, `--timeout SECONDS` or
/// `--recursion-limit N` (also `--opt=value`) at `args[*i]`; advance `i` past it. Exits with
/// status 2 on a bad value.
fn parse_limit_option(args: &[String], i: &mut usize, limits: &mut Limits) -> bool {
    let a = &args[*i];
    let (name, inline) = match a.split_once('=') {
        Some((n, v)) => (n, Some(v.to_string())),
        None => (a.as_str(), None),
    };
    if !matches!(
        name,
        "--max-instructions" | "--max-memory" | "--timeout" | "--recursion-limit"
    ) {
        return false;
    }
    let value = match inline {
        Some(v) => v,
        None => {
            *i += 1;
            args.get(*i).cloned().unwrap_or_default()
        }
    };
    *i += 1;
    let bad = || -> ! {
        eprint_err(&format!(
            "krait: invalid value {value:?} for {name}\n{USAGE}Try `python -h' for more information.\n"
        ));
        env::process::exit(2);
    };
    match name {
        "--max-instructions" => limits.instructions = Some(value.parse().unwrap_or_else(|_| bad())),
        "--max-memory" => limits.memory = Some(value.parse().unwrap_or_else(|_| bad())),
        "--recursion-limit" => {
            limits.recursion = Some(
                value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .unwrap_or_else(|| bad()),
            )
        }
        _ => {
            let secs: f64 = value.parse().unwrap_or_else(|_| bad());
            if !(secs.is_finite() && secs >= 0.0) {
                bad();
            }
            limits.timeout = Some(secs);
        }
    }
    true
}
