//! `_sha512`: SHA-512 and SHA-384 (FIPS 180-4), the objects `hashlib` and `random` use
//! (CPython: `Modules/sha512module.c`). `random.seed(str)` hashes with it, so it is needed
//! for CPython's sequences.

use std::cell::RefCell;

use krait_vm::native::{bind_args, method_args, native_ref};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::bytes::buffer_arg;
use krait_vm::objects::function::{Args, MethodDef, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};

const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

const IV512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

const IV384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];

#[derive(Clone)]
struct Sha {
    h: [u64; 8],
    buf: Vec<u8>,
    len: u128,
    /// 64 for SHA-512, 48 for SHA-384.
    size: usize,
}

impl Sha {
    fn new(size: usize) -> Sha {
        Sha {
            h: if size == 64 { IV512 } else { IV384 },
            buf: Vec::with_capacity(128),
            len: 0,
            size,
        }
    }

    fn block(&mut self, b: &[u8]) {
        let mut w = [0u64; 80];
        for (i, c) in b.chunks_exact(8).enumerate().take(16) {
            let mut x = [0u8; 8];
            x.copy_from_slice(c);
            w[i] = u64::from_be_bytes(x);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b2, mut c, mut d, mut e, mut f, mut g, mut h] = self.h;
        for i in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b2) ^ (a & c) ^ (b2 & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b2;
            b2 = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in self.h.iter_mut().zip([a, b2, c, d, e, f, g, h]) {
            *x = x.wrapping_add(y);
        }
    }

    fn update(&mut self, data: &[u8]) {
        self.len += data.len() as u128;
        let mut data = data;
        if !self.buf.is_empty() {
            let take = (128 - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buf.len() == 128 {
                let b = std::mem::take(&mut self.buf);
                self.block(&b);
            }
        }
        while data.len() >= 128 {
            self.block(&data[..128]);
            data = &data[128..];
        }
        self.buf.extend_from_slice(data);
    }

    fn digest(&self) -> Vec<u8> {
        let mut s = self.clone();
        let bits = s.len.wrapping_mul(8);
        let mut pad = vec![0x80u8];
        let used = (s.buf.len() + 1) % 128;
        let zeros = if used <= 112 { 112 - used } else { 240 - used };
        pad.extend(std::iter::repeat_n(0u8, zeros));
        pad.extend_from_slice(&bits.to_be_bytes());
        let len = s.len;
        s.update(&pad);
        s.len = len;
        s.h.iter()
            .flat_map(|x| x.to_be_bytes())
            .take(s.size)
            .collect()
    }
}

struct Hash(RefCell<Sha>);

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_sha512", init));
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    // One type per algorithm, as CPython's `_sha512.sha384` and `_sha512.sha512`.
    for (name, key) in [("sha512", "_sha512.sha512"), ("sha384", "_sha512.sha384")] {
        let t = krait_vm::modules::new_type(vm, "_sha512", name, false);
        let i = MethodKind::Instance;
        let def = |name: &'static str, func, kind| MethodDef {
            name,
            func,
            kind,
            doc: "",
        };
        vm.add_methods(
            &t,
            &[
                def("update", hash_update, i),
                def("digest", hash_digest, i),
                def("hexdigest", hash_hexdigest, i),
                def("copy", hash_copy, i),
            ],
        );
        vm.add_getset(&t, "name", hash_name, None);
        vm.add_getset(&t, "digest_size", hash_digest_size, None);
        vm.add_getset(&t, "block_size", hash_block_size, None);
        vm.mods.ext_types.insert(key, t);
    }
    vm.add_functions(m, &[("sha512", new_sha512), ("sha384", new_sha384)]);
    Ok(())
}

fn make(vm: &mut Vm, args: &Args<'_>, name: &str, size: usize) -> PyResult<Value> {
    let a = bind_args(vm, args, name, &["string", "usedforsecurity"], 0)?;
    let mut s = Sha::new(size);
    if !a[0].is_null() {
        if krait_vm::native::as_pystr(&a[0]).is_some() {
            return Err(vm.type_error("Strings must be encoded before hashing"));
        }
        let data = buffer_arg(vm, &a[0])?;
        s.update(&data);
    }
    let key = if size == 64 {
        "_sha512.sha512"
    } else {
        "_sha512.sha384"
    };
    let Some(t) = vm.mods.ext_types.get(key).cloned() else {
        return Err(vm.runtime_error("_sha512 is not initialised"));
    };
    Ok(Value::Obj(vm.new_object(
        &t,
        Payload::Native(Box::new(Hash(RefCell::new(s)))),
    )))
}

fn new_sha512(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    make(vm, &args, "sha512", 64)
}

fn new_sha384(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    make(vm, &args, "sha384", 48)
}

fn hash<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Hash> {
    match native_ref::<Hash>(v) {
        Some(h) => Ok(h),
        None => Err(vm.type_error("descriptor requires a '_sha512.sha512' object")),
    }
}

fn hash_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "update", 1, 1)?;
    if krait_vm::native::as_pystr(&rest[0]).is_some() {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    let data = buffer_arg(vm, &rest[0])?;
    hash(vm, this)?.0.borrow_mut().update(&data);
    Ok(Value::None)
}

fn hash_digest(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "digest", 0, 0)?;
    let d = hash(vm, this)?.0.borrow().digest();
    Ok(vm.new_bytes(d))
}

fn hash_hexdigest(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "hexdigest", 0, 0)?;
    let d = hash(vm, this)?.0.borrow().digest();
    let s: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_string(s))
}

fn hash_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 0)?;
    let s = hash(vm, this)?.0.borrow().clone();
    let t = vm.type_of(this);
    Ok(Value::Obj(vm.new_object(
        &t,
        Payload::Native(Box::new(Hash(RefCell::new(s)))),
    )))
}

fn hash_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let size = hash(vm, this)?.0.borrow().size;
    Ok(vm.new_str(if size == 64 { "sha512" } else { "sha384" }))
}

fn hash_digest_size(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(hash(vm, this)?.0.borrow().size as i64))
}

fn hash_block_size(_vm: &mut Vm, _this: &Value) -> PyResult<Value> {
    Ok(Value::Int(128))
}
