//! The compiled-code cache: `dir/__pycache__/name.krait-311.pyc` beside each imported `.py`
//! file, so a second import reads the code instead of parsing and compiling again (CPython's
//! `SourceFileLoader` with its `.pyc` files, in Krait's own format).
//!
//! A file is a fixed header and the code in `krait_bytecode::serial`'s form:
//!
//! | bytes | field |
//! |---|---|
//! | 8 | magic `KRAITPYC` |
//! | 4 | format version ([`FORMAT_VERSION`]) |
//! | 8 | build hash: the compiler and bytecode sources this `krait` was built from |
//! | 4 | `-O` level the code was compiled with |
//! | 8 | the source's `st_mtime_ns` |
//! | 8 | the source's size |
//! | 8 | checksum of the body |
//! | … | body |
//!
//! (little-endian). A file whose header does not match the source and this build, or whose
//! body is damaged, is ignored and rewritten. Files are written beside the target under a
//! unique temporary name and renamed over it, so a reader sees a whole old file or a whole new
//! one, never a mix, however many interpreters write at once. Any failure to write (read-only
//! directory, sandbox mount, quota) is silent, as in CPython. `-B`, `PYTHONDONTWRITEBYTECODE`
//! and `sys.dont_write_bytecode` stop the writing; reading still happens.

use std::sync::Arc;

use krait_bytecode::CodeObject;
use krait_bytecode::serial::{self, FORMAT_VERSION, LazyCode};

use crate::Vm;
use crate::host::{FileStat, oflags};

include!(concat!(env!("OUT_DIR"), "/code_hash.rs"));

const MAGIC: &[u8; 8] = b"KRAITPYC";
const HEADER: usize = 8 + 4 + 8 + 4 + 8 + 8 + 8;

/// `sys.implementation.cache_tag`.
pub const CACHE_TAG: &str = "krait-311";

/// Where the cached code of `source` lives, as `importlib.util.cache_from_source` computes it
/// (`optimization` is the `-O` level; under a `prefix`, the source's folder is mirrored there).
/// `None` for a file that is not `*.py`.
pub fn cache_path(source: &str, optimize: u8, prefix: Option<&str>) -> Option<String> {
    let (dir, file) = match source.rfind('/') {
        Some(i) => (&source[..=i], &source[i + 1..]),
        None => ("", source),
    };
    let stem = file.strip_suffix(".py").filter(|s| !s.is_empty())?;
    let opt = match optimize {
        0 => String::new(),
        n => format!(".opt-{n}"),
    };
    Some(match prefix {
        Some(p) => format!(
            "{}/{}{stem}.{CACHE_TAG}{opt}.pyc",
            p.trim_end_matches('/'),
            dir.trim_start_matches('/')
        ),
        None => format!("{dir}__pycache__/{stem}.{CACHE_TAG}{opt}.pyc"),
    })
}

/// The header for code compiled from a source with metadata `st`.
fn header(st: &FileStat, optimize: u8, body: &[u8]) -> Vec<u8> {
    let mut h = Vec::with_capacity(HEADER + body.len());
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    h.extend_from_slice(&CODE_HASH.to_le_bytes());
    h.extend_from_slice(&u32::from(optimize).to_le_bytes());
    h.extend_from_slice(&st.mtime_ns.to_le_bytes());
    h.extend_from_slice(&st.size.to_le_bytes());
    h.extend_from_slice(&serial::checksum(body).to_le_bytes());
    h
}

/// A whole cache file for `co`, compiled from a source with metadata `st`.
pub fn encode_file(co: &CodeObject, st: &FileStat, optimize: u8) -> Vec<u8> {
    let body = serial::encode(co);
    let mut out = header(st, optimize, &body);
    out.extend_from_slice(&body);
    out
}

/// The code in a cache file, if the file is whole, made by this build with `optimize`, and
/// matches the source's metadata `st`.
pub fn decode_file(bytes: &[u8], st: &FileStat, optimize: u8) -> Option<CodeObject> {
    let (head, body) = bytes.split_at_checked(HEADER)?;
    if head != header(st, optimize, body).as_slice() {
        return None;
    }
    serial::decode_lazy(body).ok()
}

/// A code object of a cached module whose code is decoded and made runnable only when it is
/// first needed ([`Vm::lazy_code`]): most functions an import defines are never called.
/// A function made from it gets the VM's placeholder code until its first call.
pub struct LazyCodeObj {
    /// The encoded code.
    pub lazy: Arc<LazyCode>,
    /// The runnable code, once made.
    pub loaded: std::cell::RefCell<Option<std::rc::Rc<crate::frame::Code>>>,
    /// `co_name`, `co_qualname` and the docstring as values, for the functions made from it.
    pub fn_strings: [crate::Value; 3],
}

/// [`Vm::lazy_placeholder`]: no instructions, and a `*args` parameter so that no call takes
/// the eval loop's direct path for it.
pub fn placeholder_code() -> std::rc::Rc<crate::frame::Code> {
    use krait_bytecode::{CodeFlags, LocalKind};
    let co = CodeObject {
        flags: CodeFlags(CodeFlags::VARARGS),
        localsplus: vec![String::from("args")],
        localsplus_kinds: vec![LocalKind(LocalKind::LOCAL)],
        ..Default::default()
    };
    std::rc::Rc::new(crate::frame::Code {
        co: Arc::new(co),
        consts: Box::new([]),
        names: Box::new([]),
        local_names: Box::new([]),
        warmup: std::cell::Cell::new(0),
        fn_strings: [crate::Value::None, crate::Value::None, crate::Value::None],
        simple_argc: u32::MAX,
        caches: std::cell::OnceCell::new(),
    })
}

/// The build hash, for `marshal`'s code objects.
pub fn build_hash() -> u64 {
    CODE_HASH
}

/// The magic number importlib's own loaders put in (and demand of) `.pyc` files: two bytes
/// from the build hash, at or above 0xC000 so that no CPython version's number (all below
/// 4000) matches, then `\r\n` as CPython's have.
pub fn pyc_magic() -> [u8; 4] {
    let n = 0xC000 | (CODE_HASH & 0x3FFF) as u16;
    let [a, b] = n.to_le_bytes();
    [a, b, b'\r', b'\n']
}

/// Replace `co_filename` in `co` and every code object in its constants (the cached code of
/// a file that moved names its old place; CPython's `_imp._fix_co_filename`).
fn fix_filename(co: &mut CodeObject, path: &str) {
    use krait_bytecode::Constant;
    co.filename = path.to_string();
    for c in co.constants.iter_mut() {
        let mut inner2 = match c {
            Constant::Code(inner) => (**inner).clone(),
            Constant::Lazy(lazy) => match lazy.decode() {
                Ok(inner) => inner,
                Err(_) => continue,
            },
            _ => continue,
        };
        fix_filename(&mut inner2, path);
        *c = Constant::Code(Arc::new(inner2));
    }
}

impl Vm {
    /// The runnable code of a lazy code object, decoded and made on first use.
    pub fn lazy_code(
        &mut self,
        obj: &LazyCodeObj,
    ) -> crate::PyResult<std::rc::Rc<crate::frame::Code>> {
        if let Some(code) = obj.loaded.borrow().as_ref() {
            return Ok(code.clone());
        }
        let co = match obj.lazy.decode() {
            Ok(co) => co,
            Err(e) => {
                let t = self.types.system_error.clone();
                return Err(self.new_exception_msg(
                    &t,
                    format!("damaged cached code of {}: {e:?}", obj.lazy.qualname()),
                ));
            }
        };
        let code = self.load_code(Arc::new(co));
        *obj.loaded.borrow_mut() = Some(code.clone());
        Ok(code)
    }

    /// The code object `v` (decoding a lazy one), if it is one.
    pub fn code_payload(
        &mut self,
        v: &crate::Value,
    ) -> Option<crate::PyResult<std::rc::Rc<crate::frame::Code>>> {
        match v.payload()? {
            crate::object::Payload::Code(c) => Some(Ok(c.clone())),
            crate::object::Payload::LazyCode(l) => Some(self.lazy_code(l)),
            _ => None,
        }
    }

    /// The code a function runs: its own, or, for a function made from a lazy code object
    /// that has not run yet, that code object's, decoded now (and kept by the function).
    pub fn function_code(
        &mut self,
        fd: &crate::objects::function::FunctionData,
    ) -> crate::PyResult<std::rc::Rc<crate::frame::Code>> {
        let code = fd.code.borrow().clone();
        if !std::rc::Rc::ptr_eq(&code, &self.lazy_placeholder) {
            return Ok(code);
        }
        let code_obj = fd.code_obj.borrow().clone();
        let code = match code_obj.payload() {
            Some(crate::object::Payload::LazyCode(l)) => self.lazy_code(l)?,
            Some(crate::object::Payload::Code(c)) => c.clone(),
            _ => return Ok(code),
        };
        *fd.code.borrow_mut() = code.clone();
        Ok(code)
    }

    /// Compile Python source built into Krait (`filename` names it in tracebacks) through the
    /// cache, as `{stdlib}/__pycache__/{stem}.krait-311.pyc`: the `_io` prelude is needed at
    /// every start and compiling it costs more than the rest of a start without `site`; the
    /// `posix` and `time` preludes (every start with `site`) cost 15M instructions compiled.
    /// Every native module's prelude goes this way. The file stands for the text by its
    /// length and a hash of it in the size and mtime fields.
    pub fn compile_builtin_source(
        &mut self,
        source: &str,
        filename: &str,
        stem: &str,
    ) -> crate::PyResult<Arc<CodeObject>> {
        let st = FileStat {
            size: source.len() as u64,
            mtime_ns: serial::checksum(source.as_bytes()) as i64,
            ..Default::default()
        };
        let cpath = match self.config.stdlib.trim_end_matches('/') {
            "" => None,
            dir => cache_path(
                &format!("{dir}/{stem}.py"),
                self.config.optimize,
                self.config.pycache_prefix.as_deref(),
            ),
        };
        if let Some(cpath) = &cpath
            && let Ok(bytes) = self.host.read_file(cpath)
            && let Some(co) = decode_file(&bytes, &st, self.config.optimize)
            && co.filename == filename
        {
            self.stats_cache_hits += 1;
            return Ok(Arc::new(co));
        }
        let co = self.compile_source(source, filename, krait_compiler::Mode::Exec)?;
        if let Some(cpath) = cpath
            && self.may_write_bytecode()
        {
            let data = encode_file(&co, &st, self.config.optimize);
            let _ = self.write_atomically(&cpath, &data, 0o644);
        }
        Ok(co)
    }

    /// The cached code for source `path` (with metadata `st`), if a valid cache file exists.
    pub fn load_cached_code(&mut self, path: &str, st: &FileStat) -> Option<Arc<CodeObject>> {
        let cpath = cache_path(
            path,
            self.config.optimize,
            self.config.pycache_prefix.as_deref(),
        )?;
        let bytes = self.host.read_file(&cpath).ok()?;
        let mut co = decode_file(&bytes, st, self.config.optimize)?;
        if co.filename != path {
            fix_filename(&mut co, path);
        }
        self.stats_cache_hits += 1;
        Some(Arc::new(co))
    }

    /// Whether bytecode may be written now: `sys.dont_write_bytecode`, which starts as `-B`
    /// or `PYTHONDONTWRITEBYTECODE` set it and which a program may change at run time.
    fn may_write_bytecode(&mut self) -> bool {
        match self.sys_attr("dont_write_bytecode") {
            Some(v) => !self.is_true(&v).unwrap_or(true),
            None => !self.config.dont_write_bytecode,
        }
    }

    /// Write the cache file for source `path` (metadata `st`), atomically; every failure is
    /// silent.
    pub fn write_cached_code(&mut self, path: &str, st: &FileStat, co: &CodeObject) {
        if !self.may_write_bytecode() {
            return;
        }
        let Some(cpath) = cache_path(
            path,
            self.config.optimize,
            self.config.pycache_prefix.as_deref(),
        ) else {
            return;
        };
        let data = encode_file(co, st, self.config.optimize);
        let _ = self.write_atomically(&cpath, &data, st.mode & 0o666);
    }

    fn write_atomically(&mut self, cpath: &str, data: &[u8], mode: u32) -> std::io::Result<()> {
        if let Some(i) = cpath.rfind('/') {
            // `__pycache__`, or under a prefix every missing folder of the mirrored path.
            let mut missing = Vec::new();
            let mut dir = &cpath[..i];
            while !dir.is_empty() && !self.host.stat(dir).is_ok_and(|s| s.is_dir) {
                missing.push(dir);
                dir = dir.rfind('/').map_or("", |j| &dir[..j]);
            }
            for dir in missing.into_iter().rev() {
                match self.host.mkdir(dir, 0o777) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(e),
                }
            }
        }
        self.cache_writes += 1;
        let tmp = format!("{cpath}.{}.{}.tmp", self.host.getpid(), self.cache_writes);
        let fd = self.host.open(
            &tmp,
            oflags::O_WRONLY | oflags::O_CREAT | oflags::O_EXCL | oflags::O_CLOEXEC,
            if mode == 0 { 0o644 } else { mode | 0o400 },
        )?;
        let mut rest = data;
        let mut result = Ok(());
        while !rest.is_empty() {
            match self.host.write(fd, rest) {
                Ok(0) => {
                    result = Err(std::io::Error::from(std::io::ErrorKind::WriteZero));
                    break;
                }
                Ok(n) => rest = rest.get(n..).unwrap_or_default(),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        let closed = self.host.close(fd);
        let result = result
            .and(closed)
            .and_then(|()| self.host.rename(&tmp, cpath));
        if result.is_err() {
            let _ = self.host.unlink(&tmp);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_paths_follow_importlib() {
        assert_eq!(
            cache_path("/a/b/json.py", 0, None).as_deref(),
            Some("/a/b/__pycache__/json.krait-311.pyc")
        );
        assert_eq!(
            cache_path("m.py", 2, None).as_deref(),
            Some("__pycache__/m.krait-311.opt-2.pyc")
        );
        assert_eq!(
            cache_path("/a/b/json.py", 1, Some("/tmp/pfx/")).as_deref(),
            Some("/tmp/pfx/a/b/json.krait-311.opt-1.pyc")
        );
        assert_eq!(cache_path("/a/b/x.pyw", 0, None), None);
        assert_eq!(cache_path("/a/.py", 0, None), None);
    }

    #[test]
    fn stale_or_damaged_files_are_refused() {
        let co = krait_compiler::compile(
            "def f(x):\n    return x + 1\nprint(f(2))\n",
            "/t/m.py",
            krait_compiler::Mode::Exec,
            &Default::default(),
        )
        .unwrap();
        let st = FileStat {
            size: 40,
            mtime_ns: 123,
            ..Default::default()
        };
        let file = encode_file(&co, &st, 0);
        assert!(decode_file(&file, &st, 0).is_some());
        assert!(decode_file(&file, &st, 1).is_none());
        let newer = FileStat {
            mtime_ns: 124,
            ..st.clone()
        };
        assert!(decode_file(&file, &newer, 0).is_none());
        let bigger = FileStat {
            size: 41,
            ..st.clone()
        };
        assert!(decode_file(&file, &bigger, 0).is_none());
        for n in 0..file.len() {
            assert!(decode_file(&file[..n], &st, 0).is_none());
        }
        for i in 0..file.len() {
            let mut bad = file.clone();
            bad[i] ^= 0x20;
            assert!(decode_file(&bad, &st, 0).is_none(), "flip at {i} accepted");
        }
    }
}
