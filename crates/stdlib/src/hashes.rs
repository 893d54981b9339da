//! The hash modules `hashlib` falls back to without OpenSSL: `_md5`, `_sha1`, `_sha256`,
//! `_sha3` and `_blake2` (CPython: `Modules/md5module.c`, `sha1module.c`, `sha256module.c`,
//! `_sha3/sha3module.c`, `_blake2/`), over the RustCrypto crates. Objects have CPython's
//! `update`, `digest`, `hexdigest`, `copy`, `name`, `digest_size` and `block_size`; SHAKE
//! digests take their length. Each algorithm has its own type (`_md5.md5`, `_sha3.sha3_224`,
//! ...); the SHA-3 and BLAKE2 types are their constructors. BLAKE2's key, salt and
//! personalisation are not supported yet.

use std::cell::RefCell;

use digest::{DynDigest, ExtendableOutput, Update, VariableOutput, XofReader};
use krait_vm::native::{as_pystr, bind_args, method_args, native_ref};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::function::{Args, MethodDef, MethodKind, NativeFn};
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};

enum Engine {
    Fixed(Box<dyn DynDigest>),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
}

impl Clone for Engine {
    fn clone(&self) -> Engine {
        match self {
            Engine::Fixed(d) => Engine::Fixed(d.box_clone()),
            Engine::Shake128(s) => Engine::Shake128(s.clone()),
            Engine::Shake256(s) => Engine::Shake256(s.clone()),
        }
    }
}

struct Hash {
    name: &'static str,
    block_size: usize,
    engine: RefCell<Engine>,
}

/// Each algorithm: Python name, module, block size, and how to start one.
const ALGORITHMS: &[(&str, &str, usize)] = &[
    ("md5", "_md5", 64),
    ("sha1", "_sha1", 64),
    ("sha224", "_sha256", 64),
    ("sha256", "_sha256", 64),
    ("sha3_224", "_sha3", 144),
    ("sha3_256", "_sha3", 136),
    ("sha3_384", "_sha3", 104),
    ("sha3_512", "_sha3", 72),
    ("shake_128", "_sha3", 168),
    ("shake_256", "_sha3", 136),
    ("blake2b", "_blake2", 128),
    ("blake2s", "_blake2", 64),
];

fn start(name: &str, digest_size: Option<usize>) -> Option<Engine> {
    let fixed = |d: Box<dyn DynDigest>| Some(Engine::Fixed(d));
    match name {
        "md5" => fixed(Box::<md5::Md5>::default()),
        "sha1" => fixed(Box::<sha1::Sha1>::default()),
        "sha224" => fixed(Box::<sha2::Sha224>::default()),
        "sha256" => fixed(Box::<sha2::Sha256>::default()),
        "sha3_224" => fixed(Box::<sha3::Sha3_224>::default()),
        "sha3_256" => fixed(Box::<sha3::Sha3_256>::default()),
        "sha3_384" => fixed(Box::<sha3::Sha3_384>::default()),
        "sha3_512" => fixed(Box::<sha3::Sha3_512>::default()),
        "shake_128" => Some(Engine::Shake128(sha3::Shake128::default())),
        "shake_256" => Some(Engine::Shake256(sha3::Shake256::default())),
        "blake2b" => match digest_size {
            None | Some(64) => fixed(Box::<blake2::Blake2b512>::default()),
            Some(n) => blake2::Blake2bVar::new(n)
                .ok()
                .map(|v| Engine::Fixed(Box::new(VarDigest::B(v, n)))),
        },
        "blake2s" => match digest_size {
            None | Some(32) => fixed(Box::<blake2::Blake2s256>::default()),
            Some(n) => blake2::Blake2sVar::new(n)
                .ok()
                .map(|v| Engine::Fixed(Box::new(VarDigest::S(v, n)))),
        },
        _ => None,
    }
}

/// BLAKE2 with a chosen digest size, as a `DynDigest`.
#[derive(Clone)]
enum VarDigest {
    B(blake2::Blake2bVar, usize),
    S(blake2::Blake2sVar, usize),
}

impl DynDigest for VarDigest {
    fn update(&mut self, data: &[u8]) {
        match self {
            VarDigest::B(v, _) => Update::update(v, data),
            VarDigest::S(v, _) => Update::update(v, data),
        }
    }
    fn finalize_into(self, buf: &mut [u8]) -> Result<(), digest::InvalidBufferSize> {
        match self {
            VarDigest::B(v, _) => v
                .finalize_variable(buf)
                .map_err(|_| digest::InvalidBufferSize),
            VarDigest::S(v, _) => v
                .finalize_variable(buf)
                .map_err(|_| digest::InvalidBufferSize),
        }
    }
    fn finalize_into_reset(&mut self, buf: &mut [u8]) -> Result<(), digest::InvalidBufferSize> {
        let done = self.clone();
        self.reset();
        done.finalize_into(buf)
    }
    fn reset(&mut self) {
        match self {
            VarDigest::B(v, n) => {
                if let Ok(x) = blake2::Blake2bVar::new(*n) {
                    *v = x;
                }
            }
            VarDigest::S(v, n) => {
                if let Ok(x) = blake2::Blake2sVar::new(*n) {
                    *v = x;
                }
            }
        }
    }
    fn output_size(&self) -> usize {
        match self {
            VarDigest::B(_, n) | VarDigest::S(_, n) => *n,
        }
    }
    fn box_clone(&self) -> Box<dyn DynDigest> {
        Box::new(self.clone())
    }
}

pub(crate) fn register(vm: &mut Vm) {
    for m in ["_md5", "_sha1", "_sha256", "_sha3", "_blake2"] {
        let init: fn(&mut Vm, &ObjRef) -> PyResult<()> = match m {
            "_md5" => init_md5,
            "_sha1" => init_sha1,
            "_sha256" => init_sha256,
            "_sha3" => init_sha3,
            _ => init_blake2,
        };
        vm.builtin_modules.push((m, init));
    }
}

macro_rules! constructors {
    ($($f:ident => $name:literal;)*) => {
        $(fn $f(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            construct(vm, &args, $name)
        })*
    };
}

/// The types' `__new__` (`_sha3.sha3_224(...)`, `_blake2.blake2b(...)`): the class argument
/// first, then the constructor's.
macro_rules! type_constructors {
    ($($f:ident => $name:literal;)*) => {
        $(fn $f(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let rest = Args {
                values: args.values.get(1..).unwrap_or(&[]),
                kwnames: args.kwnames,
            };
            construct(vm, &rest, $name)
        })*
    };
}

constructors! {
    new_md5 => "md5";
    new_sha1 => "sha1";
    new_sha224 => "sha224";
    new_sha256 => "sha256";
}

type_constructors! {
    type_sha3_224 => "sha3_224";
    type_sha3_256 => "sha3_256";
    type_sha3_384 => "sha3_384";
    type_sha3_512 => "sha3_512";
    type_shake_128 => "shake_128";
    type_shake_256 => "shake_256";
    type_blake2b => "blake2b";
    type_blake2s => "blake2s";
}

/// The type of `name`'s hash objects, as CPython's fallback modules have one per algorithm
/// (`_md5.md5`, `_sha256.sha224`, `_sha3.shake_128`, `_blake2.blake2b`); the SHA-3 and
/// BLAKE2 ones are also their constructors.
fn hash_type(vm: &mut Vm, name: &'static str) -> ObjRef {
    let key = type_key(name);
    if let Some(t) = vm.mods.ext_types.get(key) {
        return t.clone();
    }
    let module = ALGORITHMS
        .iter()
        .find(|a| a.0 == name)
        .map_or("_hashlib", |a| a.1);
    let t = krait_vm::modules::new_type(vm, module, name, false);
    let def = |name: &'static str, func: NativeFn, kind: MethodKind| MethodDef {
        name,
        func,
        kind,
        doc: "",
    };
    let i = MethodKind::Instance;
    vm.add_methods(
        &t,
        &[
            def("update", h_update, i),
            def("digest", h_digest, i),
            def("hexdigest", h_hexdigest, i),
            def("copy", h_copy, i),
        ],
    );
    let type_new: Option<NativeFn> = match name {
        "sha3_224" => Some(type_sha3_224),
        "sha3_256" => Some(type_sha3_256),
        "sha3_384" => Some(type_sha3_384),
        "sha3_512" => Some(type_sha3_512),
        "shake_128" => Some(type_shake_128),
        "shake_256" => Some(type_shake_256),
        "blake2b" => Some(type_blake2b),
        "blake2s" => Some(type_blake2s),
        _ => None,
    };
    if let Some(f) = type_new {
        vm.add_methods(&t, &[def("__new__", f, MethodKind::Static)]);
    }
    vm.add_getset(&t, "name", h_name, None);
    vm.add_getset(&t, "digest_size", h_digest_size, None);
    vm.add_getset(&t, "block_size", h_block_size, None);
    if module == "_sha3" {
        vm.add_getset(&t, "_capacity_bits", h_capacity_bits, None);
        vm.add_getset(&t, "_rate_bits", h_rate_bits, None);
        vm.add_getset(&t, "_suffix", h_suffix, None);
    }
    let sizes = match name {
        "blake2b" => Some((16, 16, 64, 64)),
        "blake2s" => Some((8, 8, 32, 32)),
        _ => None,
    };
    if let Some((salt, person, key, digest)) = sizes {
        for (n, v) in [
            ("SALT_SIZE", salt),
            ("PERSON_SIZE", person),
            ("MAX_KEY_SIZE", key),
            ("MAX_DIGEST_SIZE", digest),
        ] {
            vm.set_type_attr(&t, n, Value::Int(v));
        }
    }
    vm.mods.ext_types.insert(key, t.clone());
    t
}

/// The interpreter's registry key of an algorithm's type.
fn type_key(name: &str) -> &'static str {
    match name {
        "md5" => "_hashes.md5",
        "sha1" => "_hashes.sha1",
        "sha224" => "_hashes.sha224",
        "sha256" => "_hashes.sha256",
        "sha3_224" => "_hashes.sha3_224",
        "sha3_256" => "_hashes.sha3_256",
        "sha3_384" => "_hashes.sha3_384",
        "sha3_512" => "_hashes.sha3_512",
        "shake_128" => "_hashes.shake_128",
        "shake_256" => "_hashes.shake_256",
        "blake2b" => "_hashes.blake2b",
        _ => "_hashes.blake2s",
    }
}

fn init_md5(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("md5", new_md5)]);
    Ok(())
}

fn init_sha1(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("sha1", new_sha1)]);
    Ok(())
}

fn init_sha256(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("sha224", new_sha224), ("sha256", new_sha256)]);
    Ok(())
}

fn init_sha3(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    for name in [
        "sha3_224",
        "sha3_256",
        "sha3_384",
        "sha3_512",
        "shake_128",
        "shake_256",
    ] {
        let t = hash_type(vm, name);
        krait_vm::modules::set_attr(vm, m, name, Value::Obj(t));
    }
    Ok(())
}

fn init_blake2(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    for name in ["blake2b", "blake2s"] {
        let t = hash_type(vm, name);
        krait_vm::modules::set_attr(vm, m, name, Value::Obj(t));
    }
    for (n, v) in [
        ("BLAKE2B_SALT_SIZE", 16),
        ("BLAKE2B_PERSON_SIZE", 16),
        ("BLAKE2B_MAX_KEY_SIZE", 64),
        ("BLAKE2B_MAX_DIGEST_SIZE", 64),
        ("BLAKE2S_SALT_SIZE", 8),
        ("BLAKE2S_PERSON_SIZE", 8),
        ("BLAKE2S_MAX_KEY_SIZE", 32),
        ("BLAKE2S_MAX_DIGEST_SIZE", 32),
    ] {
        krait_vm::modules::set_attr(vm, m, n, Value::Int(v));
    }
    Ok(())
}

fn data_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if as_pystr(v).is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    buffer_arg(vm, v)
}

fn construct(vm: &mut Vm, args: &Args<'_>, name: &'static str) -> PyResult<Value> {
    let blake = name.starts_with("blake2");
    let (data, digest_size) = if blake {
        let a = bind_args(
            vm,
            args,
            name,
            &[
                "data",
                "digest_size",
                "key",
                "salt",
                "person",
                "fanout",
                "depth",
                "leaf_size",
                "node_offset",
                "node_depth",
                "inner_size",
                "last_node",
                "usedforsecurity",
            ],
            0,
        )?;
        for (i, what) in [(2, "key"), (3, "salt"), (4, "person")] {
            if !a[i].is_null() && vm.len(&a[i])? > 0 {
                return Err(vm.not_implemented_error(format!(
                    "blake2 with a {what} is not supported by Krait yet"
                )));
            }
        }
        let ds = if a[1].is_null() {
            None
        } else {
            let n = vm.index_to_i64(&a[1])?;
            let max = if name == "blake2b" { 64 } else { 32 };
            if !(1..=max).contains(&n) {
                return Err(
                    vm.value_error(format!("digest_size must be between 1 and {max} bytes"))
                );
            }
            Some(n as usize)
        };
        (a[0].clone(), ds)
    } else {
        let a = bind_args(vm, args, name, &["string", "usedforsecurity"], 0)?;
        (a[0].clone(), None)
    };
    let Some(mut engine) = start(name, digest_size) else {
        return Err(vm.value_error(format!("unsupported hash type {name}")));
    };
    if !data.is_null() {
        let bytes = data_arg(vm, &data)?;
        feed(&mut engine, &bytes);
    }
    let block_size = ALGORITHMS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or(64, |a| a.2);
    let h = Hash {
        name,
        block_size,
        engine: RefCell::new(engine),
    };
    let t = hash_type(vm, name);
    Ok(Value::Obj(vm.new_object(&t, Payload::Native(Box::new(h)))))
}

fn feed(e: &mut Engine, data: &[u8]) {
    match e {
        Engine::Fixed(d) => d.update(data),
        Engine::Shake128(s) => Update::update(s, data),
        Engine::Shake256(s) => Update::update(s, data),
    }
}

fn hash<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Hash> {
    match native_ref::<Hash>(v) {
        Some(h) => Ok(h),
        None => Err(vm.type_error("a hash object is required")),
    }
}

fn h_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "update", 1, 1)?;
    let data = data_arg(vm, &rest[0])?;
    feed(&mut hash(vm, this)?.engine.borrow_mut(), &data);
    Ok(Value::None)
}

/// The digest; SHAKE needs `length`.
fn digest_bytes(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Vec<u8>> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let h = hash(vm, this)?;
    let engine = h.engine.borrow().clone();
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    match engine {
        Engine::Fixed(d) => {
            bind_args(vm, &rest, name, &[], 0)?;
            Ok(d.finalize().to_vec())
        }
        Engine::Shake128(_) | Engine::Shake256(_) => {
            let a = bind_args(vm, &rest, name, &["length"], 1)?;
            let n = vm.index_to_i64(&a[0])?;
            if n < 0 {
                return Err(vm.value_error("negative digest length"));
            }
            if n >= 1 << 29 {
                return Err(vm.value_error("digest length is too large"));
            }
            let mut out = vec![0u8; n as usize];
            match engine {
                Engine::Shake128(s) => s.finalize_xof().read(&mut out),
                Engine::Shake256(s) => s.finalize_xof().read(&mut out),
                Engine::Fixed(_) => {}
            }
            Ok(out)
        }
    }
}

fn h_digest(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = digest_bytes(vm, &args, "digest")?;
    Ok(vm.new_bytes(d))
}

fn h_hexdigest(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = digest_bytes(vm, &args, "hexdigest")?;
    let s: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_string(s))
}

fn h_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 0)?;
    let h = hash(vm, this)?;
    let copy = Hash {
        name: h.name,
        block_size: h.block_size,
        engine: RefCell::new(h.engine.borrow().clone()),
    };
    let t = vm.type_of(this);
    Ok(Value::Obj(
        vm.new_object(&t, Payload::Native(Box::new(copy))),
    ))
}

fn h_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let n = hash(vm, this)?.name;
    Ok(vm.new_str(n))
}

fn h_digest_size(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let n = match &*hash(vm, this)?.engine.borrow() {
        Engine::Fixed(d) => d.output_size(),
        _ => 0,
    };
    Ok(Value::Int(n as i64))
}

fn h_block_size(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(hash(vm, this)?.block_size as i64))
}

/// SHA-3's sponge parameters (`_sha3`): rate = block size in bits, capacity = 1600 - rate.
fn h_rate_bits(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(hash(vm, this)?.block_size as i64 * 8))
}

fn h_capacity_bits(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(1600 - hash(vm, this)?.block_size as i64 * 8))
}

/// The domain-separation suffix: `0x06` for SHA-3, `0x1f` for SHAKE.
fn h_suffix(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let shake = hash(vm, this)?.name.starts_with("shake");
    Ok(vm.new_bytes(vec![if shake { 0x1f } else { 0x06 }]))
}
