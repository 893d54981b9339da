//! `_functools._lru_cache_wrapper` (CPython: `Modules/_functoolsmodule.c`, `lru_cache_new`
//! and the three wrappers `uncached_`, `infinite_` and `bounded_lru_cache_wrapper`).
//!
//! The key of a call is made as `functools._make_key` makes it: the positional arguments,
//! then a private marker and the keyword names and values, then (`typed`) the types of all
//! values; a lone `int` or `str` argument is its own key. The key is hashed once per call.
//!
//! The cache is an ordinary Krait dict. Unbounded, it maps key to result. Bounded, it maps key
//! to a slot number in [`Ring`], a slab of slots linked in use order (a sentinel at index 0;
//! `next` of the sentinel is the least recently used). Dict lookups may run Python code
//! (`__eq__` of colliding keys), and that code may call the wrapper again or clear the cache,
//! so no borrow of the ring is held across one, and a slot number read from the dict is
//! checked against the slot's generation before use: a stale number is a miss.
//!
//! As in CPython, a result computed while a recursive call already cached the same key is
//! returned without touching the cache, and an eviction whose key some other code removed
//! meanwhile drops the link ("orphan") rather than restoring it.

use std::cell::{Cell, RefCell};

use crate::native::{bind_args, method_args, native_ref};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

const DOC: &str = "Create a cached callable that wraps another function.\n\nuser_function:      the function being cached\n\nmaxsize:  0         for no caching\n          None      for unlimited cache size\n          n         for a bounded cache\n\ntyped:    False     cache f(3) and f(3.0) as identical calls\n          True      cache f(3) and f(3.0) as distinct calls\n\ncache_info_type:    namedtuple class with the fields:\n                        hits misses currsize maxsize\n";

/// Which of CPython's three wrappers a cache is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `maxsize=0`: every call is a miss and nothing is kept.
    Uncached,
    /// `maxsize=None`
    Unbounded,
    /// `maxsize=n`, n > 0.
    Bounded(usize),
}

struct Slot {
    key: Value,
    hash: i64,
    result: Value,
    prev: u32,
    next: u32,
    /// Bumped when the slot is freed, so an old slot number no longer matches.
    generation: u32,
    live: bool,
}

/// The bounded cache's slots in use order.
struct Ring {
    slots: Vec<Slot>,
    free: Vec<u32>,
}

const ROOT: u32 = 0;

impl Ring {
    fn new() -> Ring {
        let root = Slot {
            key: Value::None,
            hash: 0,
            result: Value::None,
            prev: ROOT,
            next: ROOT,
            generation: 0,
            live: false,
        };
        Ring {
            slots: vec![root],
            free: Vec::new(),
        }
    }

    /// The slot a number from the dict names, if it is still that slot.
    fn resolve(&self, id: &Value) -> Option<u32> {
        let Value::Int(id) = *id else { return None };
        let (index, generation) = ((id & 0xffff_ffff) as u32, (id >> 32) as u32);
        let s = self.slots.get(index as usize)?;
        (index != ROOT && s.live && s.generation == generation).then_some(index)
    }

    fn id(&self, index: u32) -> Value {
        Value::Int((i64::from(self.slots[index as usize].generation) << 32) | i64::from(index))
    }

    fn unlink(&mut self, i: u32) {
        let (p, n) = (self.slots[i as usize].prev, self.slots[i as usize].next);
        self.slots[p as usize].next = n;
        self.slots[n as usize].prev = p;
        self.slots[i as usize].prev = i;
        self.slots[i as usize].next = i;
    }

    /// Link `i` as the most recently used.
    fn push_back(&mut self, i: u32) {
        let last = self.slots[ROOT as usize].prev;
        self.slots[i as usize].prev = last;
        self.slots[i as usize].next = ROOT;
        self.slots[last as usize].next = i;
        self.slots[ROOT as usize].prev = i;
    }

    fn alloc(&mut self, key: Value, hash: i64, result: Value) -> u32 {
        let i = match self.free.pop() {
            Some(i) => i,
            None => {
                self.slots.push(Slot {
                    key: Value::None,
                    hash: 0,
                    result: Value::None,
                    prev: 0,
                    next: 0,
                    generation: 0,
                    live: false,
                });
                (self.slots.len() - 1) as u32
            }
        };
        let s = &mut self.slots[i as usize];
        s.key = key;
        s.hash = hash;
        s.result = result;
        s.prev = i;
        s.next = i;
        s.live = true;
        i
    }

    /// Free slot `i` (already unlinked); its key and result are handed back to be dropped
    /// outside the borrow.
    fn release(&mut self, i: u32) -> (Value, Value) {
        let s = &mut self.slots[i as usize];
        s.live = false;
        s.generation = s.generation.wrapping_add(1);
        let out = (
            std::mem::replace(&mut s.key, Value::None),
            std::mem::replace(&mut s.result, Value::None),
        );
        self.free.push(i);
        out
    }

    /// Free every slot; the values come back to be dropped outside the borrow.
    fn clear(&mut self) -> Vec<Value> {
        let mut out = Vec::new();
        for i in 1..self.slots.len() as u32 {
            if self.slots[i as usize].live {
                let (k, r) = self.release(i);
                out.push(k);
                out.push(r);
            }
        }
        self.slots[ROOT as usize].prev = ROOT;
        self.slots[ROOT as usize].next = ROOT;
        out
    }
}

/// An `_lru_cache_wrapper` object.
pub(super) struct Lru {
    func: Value,
    info_type: Value,
    /// Separates positional from keyword arguments in a key (a private `object()`).
    kwd_mark: Value,
    typed: bool,
    kind: Kind,
    cache: ObjRef,
    hits: Cell<u64>,
    misses: Cell<u64>,
    ring: RefCell<Ring>,
}

/// The values an `_lru_cache_wrapper` holds (`gc.get_referents`).
pub(super) fn referents(l: &Lru, visit: &mut dyn FnMut(&Value)) {
    visit(&l.func);
    visit(&l.info_type);
    visit(&Value::Obj(l.cache.clone()));
    if let Ok(r) = l.ring.try_borrow() {
        for s in r.slots.iter().filter(|s| s.live) {
            visit(&s.key);
            visit(&s.result);
        }
    }
}

/// Make the `_lru_cache_wrapper` type (not subclassable; instances have a `__dict__` so
/// `update_wrapper` can copy `__wrapped__`, `__doc__` and the rest onto them).
pub(super) fn make_type(vm: &mut Vm) -> ObjRef {
    use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, type_data};
    let object = vm.types.object.clone();
    let mut data = TypeData::new(
        "_lru_cache_wrapper",
        vec![object.clone()],
        Layout::Builtin(BuiltinKind::Other),
        true,
    );
    data.has_dict = true;
    data.base_type = false;
    let t = ObjRef::new(vm.types.type_.clone(), Payload::Type(Box::new(data)));
    *type_data(&t).mro.borrow_mut() = vec![t.clone(), object];
    let m = vm.new_str("functools");
    vm.set_type_attr(&t, "__module__", m);
    let doc = vm.new_str(DOC);
    vm.set_type_attr(&t, "__doc__", doc);
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => lru_new, "";
            method "__call__" => lru_call, "";
            method "__get__" => lru_get, "";
            method "cache_info" => lru_cache_info, "";
            method "cache_clear" => lru_cache_clear, "";
            method "__reduce__" => lru_reduce, "";
            method "__copy__" => lru_copy, "";
            method "__deepcopy__" => lru_deepcopy, "";
        ],
    );
    vm.add_getset(
        &t,
        "__dict__",
        crate::objects::object::instance_dict_get,
        Some(crate::objects::object::instance_dict_set),
    );
    t
}

fn dict_len(d: &ObjRef) -> usize {
    match &d.payload {
        Payload::Dict(t) => t.borrow().len(),
        _ => 0,
    }
}

fn lru_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Lru> {
    native_ref::<Lru>(v)
        .ok_or_else(|| vm.type_error("descriptor requires a 'functools._lru_cache_wrapper' object"))
}

/// `_lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)`
fn lru_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "_lru_cache_wrapper")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(
        vm,
        &rest,
        "lru_cache",
        &["user_function", "maxsize", "typed", "cache_info_type"],
        4,
    )?;
    let func = a[0].clone();
    if !vm.is_callable(&func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let kind = match &a[1] {
        Value::None => Kind::Unbounded,
        v @ Value::Int(_) => size_kind(vm.index_to_i64(v)?),
        v if matches!(v.payload(), Some(Payload::Int(_))) || matches!(v, Value::Bool(_)) => {
            // Past 64 bits: CPython's Py_ssize_t conversion fails the same way.
            size_kind(vm.index_to_i64(v)?)
        }
        _ => return Err(vm.type_error("maxsize should be integer or None")),
    };
    let typed = vm.is_true(&a[2])?;
    let kwd_mark = Value::Obj(ObjRef::new(vm.types.object.clone(), Payload::plain()));
    let cache = vm.new_dict();
    let l = Lru {
        func,
        info_type: a[3].clone(),
        kwd_mark,
        typed,
        kind,
        cache,
        hits: Cell::new(0),
        misses: Cell::new(0),
        ring: RefCell::new(Ring::new()),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(l))),
    ))
}

fn size_kind(n: i64) -> Kind {
    if n <= 0 {
        Kind::Uncached
    } else {
        Kind::Bounded(n as usize)
    }
}

/// Whether `v` is exactly an `int` or a `str` (not a subclass, not bool): such a lone
/// argument is its own key.
fn is_exact_int_or_str(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) => true,
        Value::Obj(o) => match &o.payload {
            Payload::Int(_) => o.class_is(&vm.types.int),
            Payload::Str(_) => o.class_is(&vm.types.str),
            _ => false,
        },
        _ => false,
    }
}

/// `functools._make_key`, with CPython's C shortcut: no keywords and not typed, the
/// arguments' tuple itself (or a lone int or str argument).
fn make_key(vm: &mut Vm, l: &Lru, args: &Args<'_>) -> Value {
    let pos = args.pos();
    let nkw = args.kwnames.len();
    if !l.typed && nkw == 0 {
        if let [one] = pos
            && is_exact_int_or_str(vm, one)
        {
            return one.clone();
        }
        return vm.new_tuple(pos.to_vec());
    }
    let mut items = Vec::with_capacity(pos.len() * 2 + nkw * 3 + 1);
    items.extend_from_slice(pos);
    if nkw > 0 {
        items.push(l.kwd_mark.clone());
        for (k, v) in args.kwargs() {
            items.push(k.clone());
            items.push(v.clone());
        }
    }
    if l.typed {
        for v in pos {
            items.push(Value::Obj(vm.type_of(v)));
        }
        for (_, v) in args.kwargs() {
            items.push(Value::Obj(vm.type_of(v)));
        }
    }
    vm.new_tuple(items)
}

/// Call the wrapped function with the arguments the wrapper got.
fn call_user(vm: &mut Vm, l: &Lru, args: &Args<'_>) -> PyResult<Value> {
    let func = l.func.clone();
    vm.call(
        &func,
        Args {
            values: args.values,
            kwnames: args.kwnames,
        },
    )
}

fn lru_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error(
            "descriptor '__call__' of 'functools._lru_cache_wrapper' object needs an argument",
        ));
    };
    // Keep the wrapper alive while the user function runs (it may drop the last reference).
    let this = this.clone();
    let l = lru_of(vm, &this)?;
    let args = Args {
        values: rest,
        kwnames: args.kwnames,
    };
    match l.kind {
        Kind::Uncached => {
            l.misses.set(l.misses.get() + 1);
            call_user(vm, l, &args)
        }
        Kind::Unbounded => unbounded_call(vm, l, &args),
        Kind::Bounded(max) => bounded_call(vm, l, &args, max),
    }
}

/// `infinite_lru_cache_wrapper`
fn unbounded_call(vm: &mut Vm, l: &Lru, args: &Args<'_>) -> PyResult<Value> {
    let key = make_key(vm, l, args);
    let hash = vm.hash(&key)?;
    if let Some(r) = vm.dict_get_hashed(&l.cache, &key, hash)? {
        l.hits.set(l.hits.get() + 1);
        return Ok(r);
    }
    l.misses.set(l.misses.get() + 1);
    let result = call_user(vm, l, args)?;
    vm.dict_set_hashed(&l.cache, key, hash, result.clone())?;
    Ok(result)
}

/// `bounded_lru_cache_wrapper`
fn bounded_call(vm: &mut Vm, l: &Lru, args: &Args<'_>, max: usize) -> PyResult<Value> {
    let key = make_key(vm, l, args);
    let hash = vm.hash(&key)?;
    if let Some(id) = vm.dict_get_hashed(&l.cache, &key, hash)? {
        let mut ring = l.ring.borrow_mut();
        if let Some(i) = ring.resolve(&id) {
            ring.unlink(i);
            ring.push_back(i);
            l.hits.set(l.hits.get() + 1);
            return Ok(ring.slots[i as usize].result.clone());
        }
    }
    l.misses.set(l.misses.get() + 1);
    let result = call_user(vm, l, args)?;
    // A recursive call may have cached this key meanwhile: keep its entry.
    if let Some(id) = vm.dict_get_hashed(&l.cache, &key, hash)?
        && l.ring.borrow().resolve(&id).is_some()
    {
        return Ok(result);
    }
    let full = {
        let ring = l.ring.borrow();
        dict_len(&l.cache) >= max && ring.slots[ROOT as usize].next != ROOT
    };
    if !full {
        let (i, id) = {
            let mut ring = l.ring.borrow_mut();
            let i = ring.alloc(key.clone(), hash, result.clone());
            (i, ring.id(i))
        };
        if let Err(e) = vm.dict_set_hashed(&l.cache, key, hash, id.clone()) {
            let freed = {
                let mut ring = l.ring.borrow_mut();
                ring.resolve(&id).map(|i| ring.release(i))
            };
            drop(freed);
            return Err(e);
        }
        let mut ring = l.ring.borrow_mut();
        if ring.resolve(&id) == Some(i) {
            ring.push_back(i);
        }
        return Ok(result);
    }
    // Full: the least recently used slot leaves the ring first, then its key the dict.
    let (old, old_key, old_hash) = {
        let mut ring = l.ring.borrow_mut();
        let old = ring.slots[ROOT as usize].next;
        ring.unlink(old);
        let s = &ring.slots[old as usize];
        (ring.id(old), s.key.clone(), s.hash)
    };
    let popped = vm.dict_del_hashed(&l.cache, &old_key, old_hash);
    let popped = match popped {
        Ok(p) => p,
        Err(e) => {
            let freed = {
                let mut ring = l.ring.borrow_mut();
                ring.resolve(&old).map(|i| ring.release(i))
            };
            drop(freed);
            return Err(e);
        }
    };
    drop(old_key);
    let Some(i) = l.ring.borrow().resolve(&old) else {
        // `cache_clear` ran during the removal: the slot is gone already.
        return Ok(result);
    };
    if popped.is_none() {
        // Someone else removed the old key: the slot is an orphan; drop it.
        let freed = l.ring.borrow_mut().release(i);
        drop(freed);
        return Ok(result);
    }
    // Reuse the slot for the new entry.
    let (id, old_values) = {
        let mut ring = l.ring.borrow_mut();
        let old_values = ring.release(i);
        let j = ring.alloc(key.clone(), hash, result.clone());
        (ring.id(j), old_values)
    };
    drop(old_values);
    if let Err(e) = vm.dict_set_hashed(&l.cache, key, hash, id.clone()) {
        let freed = {
            let mut ring = l.ring.borrow_mut();
            ring.resolve(&id).map(|j| ring.release(j))
        };
        drop(freed);
        return Err(e);
    }
    let mut ring = l.ring.borrow_mut();
    if let Some(j) = ring.resolve(&id) {
        ring.push_back(j);
    }
    Ok(result)
}

/// `__get__`: a method descriptor, so a cached function in a class body binds like one.
fn lru_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, a) = method_args(vm, &args, "__get__", 1, 2)?;
    match a[0] {
        Value::None => Ok(this.clone()),
        ref obj => Ok(vm.new_method(this.clone(), obj.clone())),
    }
}

fn lru_cache_info(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_lru_cache_wrapper.cache_info", 0, 0)?;
    let l = lru_of(vm, this)?;
    let (hits, misses) = (l.hits.get() as i64, l.misses.get() as i64);
    let maxsize = match l.kind {
        Kind::Uncached => Value::Int(0),
        Kind::Unbounded => Value::None,
        Kind::Bounded(n) => Value::Int(n as i64),
    };
    let currsize = dict_len(&l.cache) as i64;
    let info_type = l.info_type.clone();
    vm.call_pos(
        &info_type,
        &[
            Value::Int(hits),
            Value::Int(misses),
            maxsize,
            Value::Int(currsize),
        ],
    )
}

fn lru_cache_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "_lru_cache_wrapper.cache_clear", 0, 0)?;
    let this = this.clone();
    let l = lru_of(vm, &this)?;
    let freed = l.ring.borrow_mut().clear();
    l.hits.set(0);
    l.misses.set(0);
    let entries = match &l.cache.payload {
        Payload::Dict(t) => t.borrow_mut().clear(),
        _ => Default::default(),
    };
    drop((freed, entries));
    Ok(Value::None)
}

/// Pickled by name: `__reduce__` gives the qualified name, which pickle resolves as a global.
fn lru_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    vm.getattr_str(this, "__qualname__")
}

fn lru_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__copy__", 0, 0)?;
    Ok(this.clone())
}

fn lru_deepcopy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__deepcopy__", 1, 1)?;
    Ok(this.clone())
}
