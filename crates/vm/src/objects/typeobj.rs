//! `type` objects (CPython: `Objects/typeobject.c`): names, bases, the C3 MRO, the namespace
//! and the flags the VM consults on hot paths.

use std::cell::{Cell, RefCell};

use crate::object::{ObjRef, Payload};
use crate::objects::dict::DictTable;
use crate::value::Value;

/// Which builtin layout instances of a type carry (its "solid base" in CPython's terms).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `object` and classes that add nothing but a `__dict__`.
    Object,
    /// A builtin type's payload (`int`, `list`, `dict`, ...), named by the builtin type.
    Builtin(BuiltinKind),
}

/// Builtin types whose payloads subclasses inherit.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BuiltinKind {
    /// `int` (and `bool`)
    Int,
    /// `float`
    Float,
    /// `complex`
    Complex,
    /// `str`
    Str,
    /// `bytes`
    Bytes,
    /// `bytearray`
    ByteArray,
    /// `tuple`
    Tuple,
    /// `list`
    List,
    /// `dict`
    Dict,
    /// `set`
    Set,
    /// `frozenset`
    FrozenSet,
    /// `type`
    Type,
    /// `BaseException` and subclasses
    Exception,
    /// Any other builtin type that cannot be subclassed in a way that changes layout.
    Other,
}

/// The data of a type object.
pub struct TypeData {
    /// `__name__`
    pub name: RefCell<String>,
    /// `__qualname__`
    pub qualname: RefCell<String>,
    /// `__bases__`
    pub bases: RefCell<Vec<ObjRef>>,
    /// `__mro__`, starting with the type itself.
    pub mro: RefCell<Vec<ObjRef>>,
    /// The namespace (`__dict__`).
    pub dict: RefCell<DictTable>,
    /// The builtin payload instances carry.
    pub layout: Layout,
    /// Whether instances get a `__dict__`.
    pub has_dict: bool,
    /// `__slots__` names declared by this type and its bases, in storage order.
    pub slot_names: Vec<String>,
    /// Whether Python code may subclass it.
    pub base_type: bool,
    /// Whether this is a builtin (static) type: its attributes cannot be set.
    pub builtin: bool,
    /// Bumped when the namespace of this type or a base changes (for caches).
    pub version: Cell<u64>,
    /// Direct subclasses (`__subclasses__()`), weakly held.
    pub subclasses: RefCell<Vec<crate::object::WeakObj>>,
    /// Whether instances have a `__del__` to run when freed.
    pub has_del: Cell<bool>,
    /// The attribute names instances keep inline (CPython's `ht_cached_keys`).
    pub cached_keys: RefCell<Option<std::rc::Rc<crate::instattrs::SharedKeys>>>,
}

impl TypeData {
    /// A fresh type with the given name, bases and layout; the MRO is filled by the caller.
    pub fn new(name: &str, bases: Vec<ObjRef>, layout: Layout, builtin: bool) -> TypeData {
        TypeData {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            bases: RefCell::new(bases),
            mro: RefCell::new(Vec::new()),
            dict: RefCell::new(DictTable::new()),
            layout,
            has_dict: !builtin,
            slot_names: Vec::new(),
            base_type: true,
            builtin,
            version: Cell::new(0),
            subclasses: RefCell::new(Vec::new()),
            has_del: Cell::new(false),
            cached_keys: RefCell::new(None),
        }
    }
}

/// The type data of a type object.
#[inline]
pub fn type_data(t: &ObjRef) -> &TypeData {
    match &t.payload {
        Payload::Type(d) => d,
        _ => unreachable_type(),
    }
}

#[cold]
fn unreachable_type() -> &'static TypeData {
    // Every ObjRef used as a class is a type object; reaching here is a VM bug. Return a
    // harmless empty type instead of panicking.
    thread_local! {
        static EMPTY: &'static TypeData = Box::leak(Box::new(TypeData::new("?", Vec::new(), Layout::Object, true)));
    }
    EMPTY.with(|e| *e)
}

/// Whether `sub` is `sup` or has it in its MRO.
pub fn is_subtype(sub: &ObjRef, sup: &ObjRef) -> bool {
    if ObjRef::ptr_eq(sub, sup) {
        return true;
    }
    type_data(sub)
        .mro
        .borrow()
        .iter()
        .any(|t| ObjRef::ptr_eq(t, sup))
}

/// C3 linearisation (`Objects/typeobject.c: mro_implementation`). Returns `None` when the
/// bases admit no consistent order; the caller raises CPython's TypeError.
pub fn c3_mro(cls: &ObjRef, bases: &[ObjRef]) -> Result<Vec<ObjRef>, Vec<ObjRef>> {
    let mut seqs: Vec<Vec<ObjRef>> = bases
        .iter()
        .map(|b| type_data(b).mro.borrow().clone())
        .collect();
    seqs.push(bases.to_vec());
    let mut result = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(result);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs
                .iter()
                .any(|other| other[1..].iter().any(|t| ObjRef::ptr_eq(t, cand)));
            if !in_tail {
                found = Some(cand.clone());
                break;
            }
        }
        match found {
            Some(c) => {
                for s in &mut seqs {
                    if ObjRef::ptr_eq(&s[0], &c) {
                        s.remove(0);
                    }
                }
                result.push(c);
            }
            None => {
                // The heads that could not be placed, in order, for the error message.
                let mut heads: Vec<ObjRef> = Vec::new();
                for s in &seqs {
                    if !heads.iter().any(|h| ObjRef::ptr_eq(h, &s[0])) {
                        heads.push(s[0].clone());
                    }
                }
                return Err(heads);
            }
        }
    }
}

/// Look `name` up along the MRO of `t`, without descriptors (`_PyType_Lookup`).
pub fn lookup(t: &ObjRef, name: &str, str_hash: i64) -> Option<Value> {
    for k in type_data(t).mro.borrow().iter() {
        if let Some(v) = dict_get_str(&type_data(k).dict.borrow(), name, str_hash) {
            return Some(v);
        }
    }
    None
}

/// Find a str key in a table by text (keys that are not str are skipped).
pub fn dict_get_str(table: &DictTable, name: &str, hash: i64) -> Option<Value> {
    let mut st = table.probe_start(hash);
    loop {
        match table.probe(hash, st) {
            crate::objects::dict::Probe::Vacant { .. } => return None,
            crate::objects::dict::Probe::Candidate { entry, next } => {
                let k = table.key_at(entry)?;
                if let Value::Obj(k) = &*k
                    && let Payload::Str(s) = &k.payload
                    && s.wtf8() == name.as_bytes()
                {
                    return table.value_at(entry).map(|v| v.clone());
                }
                st = next;
            }
        }
    }
}

/// Find a str key given as a str object: identity first (interned names), then text.
#[inline]
pub fn dict_get_name(table: &DictTable, name: &ObjRef, text: &[u8], hash: i64) -> Option<Value> {
    let i = dict_find_name(table, name, text, hash)?;
    table.value_at(i).map(|v| v.clone())
}

/// The entry index of a str key given as a str object (see [`dict_get_name`]).
#[inline]
pub fn dict_find_name(table: &DictTable, name: &ObjRef, text: &[u8], hash: i64) -> Option<usize> {
    let mut st = table.probe_start(hash);
    loop {
        match table.probe(hash, st) {
            crate::objects::dict::Probe::Vacant { .. } => return None,
            crate::objects::dict::Probe::Candidate { entry, next } => {
                let k = table.key_at(entry)?;
                if let Value::Obj(k) = &*k {
                    if ObjRef::ptr_eq(k, name) {
                        return Some(entry);
                    }
                    if let Payload::Str(s) = &k.payload
                        && s.wtf8() == text
                    {
                        return Some(entry);
                    }
                }
                st = next;
            }
        }
    }
}
