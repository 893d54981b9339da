//! `_random`: the Mersenne Twister behind `random.Random` (CPython:
//! `Modules/_randommodule.c`, after Matsumoto and Nishimura's `mt19937ar.c`). Seeding,
//! `random()`, `getrandbits()` and the state tuple follow CPython exactly, so a seeded
//! `random` module produces CPython's sequences.

use std::cell::RefCell;

use krait_vm::native::{method_args, native_ref};
use krait_vm::object::{ObjRef, Payload};
use krait_vm::objects::function::{Args, MethodDef, MethodKind};
use krait_vm::value::Value;
use krait_vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::Signed;

const N: usize = 624;
const M: usize = 397;

struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        let mut k = N.max(len);
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            k -= 1;
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    fn next_u32(&mut self) -> u32 {
        const MAG01: [u32; 2] = [0, 0x9908_b0df];
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        if self.index >= N {
            let mt = &mut self.state;
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ MAG01[(y & 1) as usize];
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }
}

struct Random(RefCell<Mt>);

pub(crate) fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("_random", init));
}

fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = krait_vm::modules::new_type(vm, "_random", "Random", true);
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
            def("__new__", random_new, MethodKind::Static),
            def("__init__", random_init, i),
            def("seed", random_seed, i),
            def("random", random_random, i),
            def("getrandbits", random_getrandbits, i),
            def("getstate", random_getstate, i),
            def("setstate", random_setstate, i),
        ],
    );
    krait_vm::modules::set_attr(vm, m, "Random", Value::Obj(t));
    Ok(())
}

fn mt<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Random> {
    match native_ref::<Random>(v) {
        Some(r) => Ok(r),
        None => Err(vm.type_error("descriptor requires a '_random.Random' object")),
    }
}

fn random_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = krait_vm::native::new_cls(vm, &args, "Random")?;
    // A zeroed generator, as `PyType_GenericNew` leaves it; `__init__` seeds.
    let r = Random(RefCell::new(Mt {
        state: [0; N],
        index: 0,
    }));
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(r))),
    ))
}

/// `random_init`: `Random(x)` seeds with `x` (or from the OS).
fn random_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor '__init__' needs an argument"));
    };
    if args.has_kwargs() {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    let arg = pos.get(1).cloned().unwrap_or(Value::None);
    seed(vm, &this, &arg)?;
    Ok(Value::None)
}

/// `random_seed`: an int's absolute value, another object's hash (as an unsigned word), or
/// 624 words from the OS for `None`, as 32-bit words into `init_by_array`.
fn seed(vm: &mut Vm, this: &Value, arg: &Value) -> PyResult<()> {
    let r = mt(vm, this)?;
    let n: BigInt = if arg.is_none() || arg.is_null() {
        let bytes = match vm.host.urandom(N * 4) {
            Ok(b) => b,
            Err(_) => {
                let t = vm.host.time();
                (t.to_bits()).to_le_bytes().to_vec()
            }
        };
        let key: Vec<u32> = bytes
            .chunks(4)
            .map(|c| {
                let mut w = [0u8; 4];
                w[..c.len()].copy_from_slice(c);
                u32::from_le_bytes(w)
            })
            .collect();
        r.0.borrow_mut().init_by_array(&key);
        return Ok(());
    } else if let Some(i) = krait_vm::objects::number::int_ref(arg) {
        i.to_big().abs()
    } else {
        let h = vm.hash(arg)?;
        BigInt::from(h as u64)
    };
    let (_, digits) = n.to_u32_digits();
    let key = if digits.is_empty() { vec![0] } else { digits };
    r.0.borrow_mut().init_by_array(&key);
    Ok(())
}

fn random_seed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "seed", 0, 1)?;
    let arg = rest.first().cloned().unwrap_or(Value::None);
    seed(vm, this, &arg)?;
    Ok(Value::None)
}

fn random_random(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "random", 0, 0)?;
    let mut g = mt(vm, this)?.0.borrow_mut();
    let a = g.next_u32() >> 5;
    let b = g.next_u32() >> 6;
    Ok(Value::float(
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0),
    ))
}

fn random_getrandbits(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "getrandbits", 1, 1)?;
    let k = vm.index_to_i64(&rest[0])?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(Value::Int(0));
    }
    // The digits, then the int made of them: under a heap cap, a huge `k` is the limit.
    vm.check_alloc(usize::try_from(k / 4).unwrap_or(usize::MAX))?;
    let mut g = mt(vm, this)?.0.borrow_mut();
    if k <= 32 {
        return Ok(Value::Int(i64::from(g.next_u32() >> (32 - k))));
    }
    let words = usize::try_from((k - 1) / 32 + 1).unwrap_or(usize::MAX);
    if words > (1 << 26) {
        drop(g);
        return Err(vm.memory_error());
    }
    let mut out = Vec::with_capacity(words);
    let mut left = k;
    for _ in 0..words {
        let mut r = g.next_u32();
        if left < 32 {
            r >>= 32 - left;
        }
        out.push(r);
        left -= 32;
    }
    drop(g);
    let n = BigInt::from_slice(Sign::Plus, &out);
    Ok(Value::from_bigint(n, vm))
}

fn random_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "getstate", 0, 0)?;
    let g = mt(vm, this)?.0.borrow();
    let mut items: Vec<Value> = g.state.iter().map(|w| Value::Int(i64::from(*w))).collect();
    items.push(Value::Int(g.index as i64));
    drop(g);
    Ok(vm.new_tuple(items))
}

fn random_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "setstate", 1, 1)?;
    let Some(Payload::Tuple(items)) = rest[0].payload() else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    let items = items.to_vec();
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut state = [0u32; N];
    for (slot, v) in state.iter_mut().zip(&items) {
        let n = vm.index_to_i64(v)?;
        *slot = u32::try_from(n)
            .map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))?;
    }
    let index = vm.index_to_i64(&items[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    let r = mt(vm, this)?;
    let mut g = r.0.borrow_mut();
    g.state = state;
    g.index = index as usize;
    Ok(Value::None)
}
