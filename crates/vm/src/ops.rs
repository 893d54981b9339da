//! The operator protocols: binary and unary operators with reflection and `NotImplemented`,
//! rich comparison, truth, hashing, `repr`/`str`, length and containment
//! (CPython: `Objects/abstract.c`, `Objects/object.c`).

use krait_bytecode::{BinaryOp, CompareOp, Opcode};

use crate::object::{ObjRef, Payload};
use crate::objects::number;
use crate::objects::typeobj::{is_subtype, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// Look a special method up by text.
    pub fn lookup_special_str(&mut self, v: &Value, name: &'static str) -> Option<Value> {
        let t = self.type_of(v);
        self.type_lookup_str(&t, name)
    }

    /// The hash of a str object.
    pub fn str_obj_hash(&self, o: &ObjRef) -> i64 {
        match &o.payload {
            Payload::Str(s) => self.str_hash(s),
            _ => 0,
        }
    }

    /// Call a special method found on the type with `self` first. Anything but a function or
    /// a method descriptor is bound first and called without `self` (CPython:
    /// `lookup_maybe_method`), so `C.__hash__ = staticmethod(f)` or a descriptor such as
    /// `unittest.mock`'s `MagicProxy` works.
    pub fn call_method_value(
        &mut self,
        meth: &Value,
        this: &Value,
        args: &[Value],
    ) -> PyResult<Value> {
        match meth.payload() {
            Some(Payload::Function(_)) => {}
            Some(Payload::Builtin(b)) if b.is_method && b.bound.is_none() => {}
            _ => return self.call_bound_special(meth, this, args),
        }
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(this.clone());
        v.extend_from_slice(args);
        self.call_pos(meth, &v)
    }

    /// Call `v.name(*args)` looking `name` up on the type, or `None` if absent.
    pub fn call_special(
        &mut self,
        v: &Value,
        name: &'static str,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        match self.lookup_special_str(v, name) {
            Some(m) => {
                let m = self.bind_descriptor_for_call(m, v)?;
                match m {
                    (f, true) => self.call_method_value(&f, v, args).map(Some),
                    (f, false) => self.call_pos(&f, args).map(Some),
                }
            }
            None => Ok(None),
        }
    }

    #[cold]
    fn call_bound_special(
        &mut self,
        meth: &Value,
        this: &Value,
        args: &[Value],
    ) -> PyResult<Value> {
        match self.bind_descriptor_for_call(meth.clone(), this)? {
            (f, true) => {
                let mut v = Vec::with_capacity(args.len() + 1);
                v.push(this.clone());
                v.extend_from_slice(args);
                self.call_pos(&f, &v)
            }
            (f, false) => self.call_pos(&f, args),
        }
    }

    /// For a special method found on a type: functions and method descriptors take `self`
    /// explicitly (`true`); other descriptors are bound first (`false`).
    fn bind_descriptor_for_call(&mut self, m: Value, v: &Value) -> PyResult<(Value, bool)> {
        match m.payload() {
            Some(Payload::Function(_)) => Ok((m, true)),
            Some(Payload::Builtin(b)) if b.is_method && b.bound.is_none() => Ok((m, true)),
            Some(Payload::StaticMethod(f)) => Ok((f.borrow().clone(), false)),
            _ => {
                let t = Value::Obj(self.type_of(v));
                let bound = self.descriptor_get(&m, v, &t)?;
                Ok((bound, false))
            }
        }
    }

    // ----- truth -----

    /// `bool(v)`.
    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        match v {
            Value::Bool(b) => Ok(b.get()),
            Value::None | Value::Null => Ok(false),
            Value::Int(i) => Ok(*i != 0),
            Value::Float(f) => Ok(f.get() != 0.0),
            Value::Obj(o) => {
                let builtin = o.with_class(|c| type_data(c).builtin);
                if builtin {
                    match &o.payload {
                        Payload::Str(s) => return Ok(!s.is_empty()),
                        Payload::List(l) => return Ok(!l.borrow().is_empty()),
                        Payload::Tuple(t) => return Ok(!t.is_empty()),
                        Payload::Dict(d) => return Ok(d.borrow().len() != 0),
                        Payload::Int(i) => return Ok(*i != num_bigint::BigInt::from(0)),
                        _ => {}
                    }
                }
                if let Some(r) = self.call_special(v, "__bool__", &[])? {
                    return match r {
                        Value::Bool(b) => Ok(b.get()),
                        other => Err(self.type_error(format!(
                            "__bool__ should return bool, returned {}",
                            self.type_name(&other)
                        ))),
                    };
                }
                if self.lookup_special_str(v, "__len__").is_some() {
                    return Ok(self.len(v)? != 0);
                }
                Ok(true)
            }
        }
    }

    // ----- binary operators -----

    /// `a op b` (CPython's `binary_op1` with the in-place fallback of `binary_iop1`).
    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
        // Fast paths on inline values.
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => {
                if let Some(r) = number::int_fast(*x, *y, op.base()) {
                    return Ok(r);
                }
            }
            (Value::Float(x), Value::Float(y)) => {
                if let Some(r) = number::float_fast(x.get(), y.get(), op.base()) {
                    return Ok(r);
                }
            }
            // Mixed int and float: `i64 as f64` rounds once, exactly as `float.__add__` converts.
            (Value::Int(x), Value::Float(y)) => {
                if let Some(r) = number::float_fast(*x as f64, y.get(), op.base()) {
                    return Ok(r);
                }
            }
            (Value::Float(x), Value::Int(y)) => {
                if let Some(r) = number::float_fast(x.get(), *y as f64, op.base()) {
                    return Ok(r);
                }
            }
            // Two exact strs: `str.__add__` (exact str has no `__iadd__`) without looking it
            // up and calling it through an argument vector.
            (Value::Obj(x), Value::Obj(y))
                if op.base() == BinaryOp::Add
                    && x.class_is(&self.types.str)
                    && y.class_is(&self.types.str) =>
            {
                if let (Payload::Str(s), Payload::Str(t)) = (&x.payload, &y.payload) {
                    // CPython returns an operand itself when the other is empty.
                    if t.is_empty() {
                        return Ok(a.clone());
                    }
                    if s.is_empty() {
                        return Ok(b.clone());
                    }
                    return Ok(self.new_str_concat(&[s, t]));
                }
            }
            _ => {}
        }
        if op.is_inplace()
            && let Some(f) = self.lookup_special_str(a, op.dunder())
        {
            let r = self.call_method_value(&f, a, std::slice::from_ref(b))?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        let base = op.base();
        let r = self.binary_op1(a, b, base.dunder(), base.reflected_dunder())?;
        if !r.is(&self.not_implemented) {
            return Ok(r);
        }
        if (base == BinaryOp::Add || base == BinaryOp::Multiply)
            && let Some(msg) =
                crate::objects::strmethods::sequence_op_error(self, a, b, base == BinaryOp::Add)
        {
            // CPython's sq_concat / sq_repeat fallback after both nb slots refused.
            return Err(self.type_error(msg));
        }
        Err(self.type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            if op == BinaryOp::Power {
                "** or pow()"
            } else {
                op.symbol()
            },
            self.type_name(a),
            self.type_name(b)
        )))
    }

    /// Try `a.__op__(b)` and `b.__rop__(a)` in CPython's order; `NotImplemented` if neither
    /// answers.
    pub fn binary_op1(
        &mut self,
        a: &Value,
        b: &Value,
        dunder: &'static str,
        rdunder: &'static str,
    ) -> PyResult<Value> {
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let slota = self.lookup_special_str(a, dunder);
        let same = ObjRef::ptr_eq(&ta, &tb);
        let slotb = if same {
            None
        } else {
            self.lookup_special_str(b, rdunder)
        };
        let mut slotb = slotb;
        if let (Some(sb), true) = (&slotb, is_subtype(&tb, &ta) && !same) {
            // A subclass that overrides the reflected method goes first.
            // CPython's method_is_overloaded: the subclass's reflected method differs from
            // the one the left operand's type would find.
            let left_r = self.lookup_special_str(a, rdunder);
            let overrides = match &left_r {
                Some(lr) => !lr.is(sb),
                None => true,
            };
            if overrides {
                let r = self.call_method_value(sb, b, std::slice::from_ref(a))?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
                slotb = None;
            }
        }
        if let Some(sa) = slota {
            let r = self.call_method_value(&sa, a, std::slice::from_ref(b))?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        if let Some(sb) = slotb {
            let r = self.call_method_value(&sb, b, std::slice::from_ref(a))?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        Ok(self.not_implemented.clone())
    }

    /// Unary `+`, `-`, `~`.
    pub fn unary_op(&mut self, op: Opcode, v: &Value) -> PyResult<Value> {
        match (op, v) {
            (Opcode::UNARY_NEGATIVE, Value::Int(i)) => {
                if let Some(n) = i.checked_neg() {
                    return Ok(Value::Int(n));
                }
            }
            (Opcode::UNARY_NEGATIVE, Value::Float(f)) => return Ok(Value::float(-f.get())),
            (Opcode::UNARY_POSITIVE, Value::Int(_) | Value::Float(_)) => return Ok(v.clone()),
            (Opcode::UNARY_INVERT, Value::Int(i)) => return Ok(Value::Int(!i)),
            _ => {}
        }
        let (name, sym) = match op {
            Opcode::UNARY_NEGATIVE => ("__neg__", "-"),
            Opcode::UNARY_POSITIVE => ("__pos__", "+"),
            _ => ("__invert__", "~"),
        };
        match self.call_special(v, name, &[])? {
            Some(r) => Ok(r),
            None => Err(self.type_error(format!(
                "bad operand type for unary {}: '{}'",
                sym,
                self.type_name(v)
            ))),
        }
    }

    // ----- comparison -----

    /// `a op b` for a rich comparison (CPython's `do_richcompare`).
    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(Value::bool(cmp_ord(x.cmp(y), op))),
            (Value::Float(x), Value::Float(y)) => {
                return Ok(Value::bool(cmp_float(x.get(), y.get(), op)));
            }
            (Value::Float(x), Value::Int(y)) => {
                return Ok(Value::bool(
                    match number::cmp_float_int(x.get(), number::IntRef::Small(*y)) {
                        Some(o) => cmp_ord(o, op),
                        None => op == CompareOp::Ne,
                    },
                ));
            }
            (Value::Int(x), Value::Float(y)) => {
                return Ok(Value::bool(
                    match number::cmp_float_int(y.get(), number::IntRef::Small(*x)) {
                        Some(o) => cmp_ord(o.reverse(), op),
                        None => op == CompareOp::Ne,
                    },
                ));
            }
            (Value::Obj(x), Value::Obj(y)) => match (&x.payload, &y.payload) {
                // Exact strs: WTF-8 byte order is code-point order.
                (Payload::Str(sx), Payload::Str(sy))
                    if x.class_is(&self.types.str) && y.class_is(&self.types.str) =>
                {
                    return Ok(Value::bool(cmp_ord(sx.wtf8().cmp(sy.wtf8()), op)));
                }
                // Exact tuples: `tuple_richcompare` without the slot lookups; still one
                // counted level, since items may be tuples again.
                (Payload::Tuple(_), Payload::Tuple(_))
                    if x.class_is(&self.types.tuple) && y.class_is(&self.types.tuple) =>
                {
                    return self.with_recursion_check(" in comparison", |vm| {
                        crate::objects::sequence::seq_richcompare(vm, a, b, op)
                    });
                }
                _ => {}
            },
            _ => {}
        }
        self.with_recursion_check(" in comparison", |vm| vm.do_richcompare(a, b, op))
    }

    /// The slot dispatch of a rich comparison, not counted against the recursion limit
    /// (`list.sort` calls the type's slot directly, as `unsafe_object_compare` does).
    pub fn do_richcompare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        let (name, rname) = (cmp_dunder(op), cmp_dunder(op.swapped()));
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let same = ObjRef::ptr_eq(&ta, &tb);
        let mut checked_reverse = false;
        if !same && is_subtype(&tb, &ta) && self.lookup_special_str(b, rname).is_some() {
            checked_reverse = true;
            if let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))?
                && !r.is(&self.not_implemented)
            {
                return Ok(r);
            }
        }
        if let Some(r) = self.call_special(a, name, std::slice::from_ref(b))?
            && !r.is(&self.not_implemented)
        {
            return Ok(r);
        }
        if !checked_reverse
            && let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))?
            && !r.is(&self.not_implemented)
        {
            return Ok(r);
        }
        match op {
            CompareOp::Eq => Ok(Value::bool(a.is(b))),
            CompareOp::Ne => Ok(Value::bool(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// `a == b` as a bool (identity implies equality, as in containers).
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(x == y),
            (Value::Obj(x), Value::Obj(y)) => {
                if let (Payload::Str(s1), Payload::Str(s2)) = (&x.payload, &y.payload)
                    && x.with_class(|c| type_data(c).builtin)
                    && y.with_class(|c| type_data(c).builtin)
                {
                    return Ok(s1.wtf8() == s2.wtf8());
                }
            }
            _ => {}
        }
        let r = self.compare(a, b, CompareOp::Eq)?;
        self.is_true(&r)
    }

    // ----- hashing -----

    /// `hash(v)`.
    ///
    /// Inline for the keys nearly every lookup has: an int, or an exact str whose hash is
    /// already cached.
    #[inline]
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        if let Value::Int(i) = v {
            return Ok(krait_common::hash::hash_i64(*i));
        }
        if let Value::Obj(o) = v
            && let Payload::Str(s) = &o.payload
            && s.cached_hash() != -1
            && o.class_is(&self.types.str)
        {
            return Ok(s.cached_hash());
        }
        self.hash_any(v)
    }

    /// [`Vm::hash`] for every kind of value.
    fn hash_any(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(krait_common::hash::hash_i64(*i)),
            Value::Bool(b) => Ok(i64::from(b.get())),
            Value::Float(f) => {
                Ok(krait_common::hash::hash_float(f.get()).unwrap_or_else(|| hash_identity(v)))
            }
            Value::None | Value::Null => Ok(hash_identity(v)),
            Value::Obj(o) => {
                if let Payload::Str(s) = &o.payload
                    && (o.class_is(&self.types.str) || o.with_class(|c| type_data(c).builtin))
                {
                    return Ok(self.str_hash(s));
                }
                if let Payload::Tuple(t) = &o.payload
                    && o.class_is(&self.types.tuple)
                    && t.iter().all(|x| self.leaf_hash(x).is_some())
                {
                    // `tuplehash` over items whose hash needs no call (ints, strs, ...).
                    return Ok(krait_common::hash::hash_tuple(
                        t.iter().map(|x| self.leaf_hash(x).unwrap_or(0)),
                    ));
                }
                match self.lookup_special_str(v, "__hash__") {
                    Some(Value::None) | None => {
                        // CPython names the type by `tp_name`: `module.Name` for the
                        // builtin types of native modules (`collections.deque`).
                        let t = self.type_of(v);
                        let name = if type_data(&t).builtin {
                            crate::modules::tp_name(self, &t)
                        } else {
                            self.type_name(v)
                        };
                        Err(self.type_error(format!("unhashable type: '{name}'")))
                    }
                    Some(h) => {
                        let r = self.call_method_value(&h, v, &[])?;
                        match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Bool(b) => Ok(i64::from(b.get())),
                            Value::Obj(ref ro) if matches!(ro.payload, Payload::Int(_)) => {
                                let Payload::Int(big) = &ro.payload else {
                                    unreachable!()
                                };
                                Ok(krait_common::hash::hash_bigint(big))
                            }
                            _ => Err(self.type_error("__hash__ method should return an integer")),
                        }
                    }
                }
            }
        }
    }

    /// The hash of `v` when it is an int, float, bool, None or exact str (no Python code and
    /// no recursion), else `None`.
    #[inline]
    fn leaf_hash(&self, v: &Value) -> Option<i64> {
        match v {
            Value::Int(i) => Some(krait_common::hash::hash_i64(*i)),
            Value::Bool(b) => Some(i64::from(b.get())),
            Value::Float(f) => {
                Some(krait_common::hash::hash_float(f.get()).unwrap_or_else(|| hash_identity(v)))
            }
            Value::None => Some(hash_identity(v)),
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) if o.class_is(&self.types.str) => Some(self.str_hash(s)),
                _ => None,
            },
            Value::Null => None,
        }
    }

    // ----- repr / str -----

    /// `repr(v)` as a str value.
    pub fn repr(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::None => return Ok(Value::Obj(self.intern("None"))),
            Value::Bool(b) => {
                return Ok(Value::Obj(self.intern(if b.get() {
                    "True"
                } else {
                    "False"
                })));
            }
            Value::Int(i) => return Ok(self.new_str_i64(*i)),
            Value::Float(f) => return Ok(self.new_string(krait_common::repr::float_repr(f.get()))),
            _ => {}
        }
        self.with_recursion_check(" while getting the repr of an object", |vm| vm.repr_slot(v))
    }

    /// `tp_repr` of `v`'s type, not counted against the recursion limit.
    fn repr_slot(&mut self, v: &Value) -> PyResult<Value> {
        match self.call_special(v, "__repr__", &[])? {
            Some(r) if matches!(r.payload(), Some(Payload::Str(_))) => Ok(r),
            Some(r) => Err(self.type_error(format!(
                "__repr__ returned non-string (type {})",
                self.type_name(&r)
            ))),
            None => {
                let r = self.default_repr(v);
                Ok(self.new_string(r))
            }
        }
    }

    /// `object.__repr__`: `<module.Name object at 0x...>`.
    pub fn default_repr(&mut self, v: &Value) -> String {
        let t = self.type_of(v);
        let td = type_data(&t);
        let module = self.type_module_name(&t);
        let qual = td.qualname.borrow().clone();
        if module == "builtins" {
            format!("<{} object at {:#x}>", qual, v.identity())
        } else {
            format!("<{}.{} object at {:#x}>", module, qual, v.identity())
        }
    }

    /// `str(v)` as a str value.
    pub fn str(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v
            && let Payload::Str(_) = &o.payload
            && o.with_class(|c| type_data(c).builtin)
        {
            return Ok(v.clone());
        }
        match v {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => return self.repr(v),
            _ => {}
        }
        self.with_recursion_check(" while getting the str of an object", |vm| {
            // `object.__str__` calls the type's repr slot directly (`object_str`).
            if let Some(Value::Obj(m)) = vm.lookup_special_str(v, "__str__")
                && let Payload::Builtin(b) = &m.payload
                && b.owner
                    .as_ref()
                    .is_some_and(|o| ObjRef::ptr_eq(o, &vm.types.object))
            {
                return vm.repr_slot(v);
            }
            vm.str_slot(v)
        })
    }

    fn str_slot(&mut self, v: &Value) -> PyResult<Value> {
        match self.call_special(v, "__str__", &[])? {
            Some(r) if matches!(r.payload(), Some(Payload::Str(_))) => Ok(r),
            Some(r) => Err(self.type_error(format!(
                "__str__ returned non-string (type {})",
                self.type_name(&r)
            ))),
            None => self.repr(v),
        }
    }

    /// `ascii(v)`.
    pub fn ascii(&mut self, v: &Value) -> PyResult<Value> {
        let r = self.repr(v)?;
        let Some(Payload::Str(s)) = r.payload() else {
            return Ok(r);
        };
        if s.is_ascii() {
            return Ok(r);
        }
        let mut out = String::new();
        for cp in s.chars() {
            match cp {
                0..=0x7F => out.push(char::from_u32(cp).unwrap_or('?')),
                0x80..=0xFF => out.push_str(&format!("\\x{cp:02x}")),
                0x100..=0xFFFF => out.push_str(&format!("\\u{cp:04x}")),
                _ => out.push_str(&format!("\\U{cp:08x}")),
            }
        }
        Ok(self.new_string(out))
    }

    /// The Rust text of `str(v)`.
    pub fn str_string(&mut self, v: &Value) -> PyResult<String> {
        let s = self.str(v)?;
        Ok(self.str_text(&s))
    }

    /// The Rust text of `repr(v)`.
    pub fn repr_string(&mut self, v: &Value) -> PyResult<String> {
        let s = self.repr(v)?;
        Ok(self.str_text(&s))
    }

    /// The text of a str value (lossy for lone surrogates; empty for non-str).
    pub fn str_text(&self, v: &Value) -> String {
        match v.payload() {
            Some(Payload::Str(s)) => s.as_str().into_owned(),
            _ => String::new(),
        }
    }

    // ----- containers -----

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        if let Value::Obj(o) = v
            && o.with_class(|c| type_data(c).builtin)
        {
            match &o.payload {
                Payload::Str(s) => return Ok(s.len()),
                Payload::List(l) => return Ok(l.borrow().len()),
                Payload::Tuple(t) => return Ok(t.len()),
                Payload::Dict(d) => return Ok(d.borrow().len()),
                _ => {}
            }
        }
        match self.call_special(v, "__len__", &[])? {
            Some(r) => {
                // `PyNumber_AsSsize_t(res, PyExc_OverflowError)`.
                let n = match self.index_to_i64(&r) {
                    Err(e) if self.err_matches(&e, &self.types.overflow_error.clone()) => {
                        let t = self.type_name(&r);
                        return Err(self.overflow_error(format!(
                            "cannot fit '{t}' into an index-sized integer"
                        )));
                    }
                    r => r?,
                };
                if n < 0 {
                    return Err(self.value_error("__len__() should return >= 0"));
                }
                Ok(n as usize)
            }
            None => Err(self.type_error(format!(
                "object of type '{}' has no len()",
                self.type_name(v)
            ))),
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        // Exact builtin containers answer without a method call (`sq_contains` slots).
        if let Value::Obj(o) = container
            && o.with_class(|c| type_data(c).builtin)
        {
            match &o.payload {
                Payload::Dict(_) => return Ok(self.dict_get(o, item)?.is_some()),
                Payload::Set(_) | Payload::FrozenSet(_) => {
                    return crate::objects::setmethods::set_contains(self, container, item);
                }
                Payload::List(l) => {
                    return crate::objects::list::list_contains_value(self, l, item);
                }
                Payload::Tuple(t) => {
                    for v in t.iter() {
                        if self.eq(v, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                _ => {}
            }
        }
        if let Some(Value::None) = self.lookup_special_str(container, "__contains__") {
            let tn = self.type_name(container);
            return Err(self.type_error(format!("'{tn}' object is not a container")));
        }
        if let Some(r) = self.call_special(container, "__contains__", std::slice::from_ref(item))? {
            return self.is_true(&r);
        }
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) => {
                if self.err_matches(&e, &self.types.type_error.clone()) {
                    return Err(self.type_error(format!(
                        "argument of type '{}' is not iterable",
                        self.type_name(container)
                    )));
                }
                return Err(e);
            }
        };
        while let Some(v) = self.next(&it)? {
            if self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `obj[key]`.
    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = obj
            && let Payload::Dict(_) = &o.payload
            && o.with_class(|c| type_data(c).builtin)
        {
            return match self.dict_get(o, key)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(key.clone())),
            };
        }
        if let (Value::Obj(o), Value::Int(i)) = (obj, key)
            && o.with_class(|c| type_data(c).builtin)
        {
            match &o.payload {
                Payload::List(l) => {
                    let l = l.borrow();
                    let idx = if *i < 0 { *i + l.len() as i64 } else { *i };
                    return match l.get(idx as usize) {
                        Some(v) if idx >= 0 => Ok(v.clone()),
                        _ => {
                            drop(l);
                            Err(self.index_error("list index out of range"))
                        }
                    };
                }
                Payload::Tuple(t) => {
                    let idx = if *i < 0 { *i + t.len() as i64 } else { *i };
                    return match t.get(idx as usize) {
                        Some(v) if idx >= 0 => Ok(v.clone()),
                        _ => Err(self.index_error("tuple index out of range")),
                    };
                }
                _ => {}
            }
        }
        // Exact strs (any key) and exact lists sliced: the type's own `__getitem__` without
        // the lookup and the method call.
        if let Value::Obj(o) = obj {
            match &o.payload {
                Payload::Str(s) if o.class_is(&self.types.str) => {
                    return crate::objects::strmethods::str_getitem_value(self, obj, s, key);
                }
                Payload::List(l)
                    if matches!(key.payload(), Some(Payload::Slice(_)))
                        && o.class_is(&self.types.list) =>
                {
                    let len = l.borrow().len();
                    let (start, _stop, step, n) =
                        crate::objects::slicing::slice_indices(self, key, len)?;
                    let items = crate::objects::list::slice_list(&l.borrow(), start, step, n);
                    return Ok(self.new_list(items));
                }
                _ => {}
            }
        }
        if let Some(r) = self.call_special(obj, "__getitem__", std::slice::from_ref(key))? {
            return Ok(r);
        }
        if let Value::Obj(o) = obj
            && let Payload::Type(_) = &o.payload
        {
            if let Some(r) = self.call_class_getitem(o, key)? {
                return Ok(r);
            }
            let name = type_data(o).name.borrow().clone();
            return Err(self.type_error(format!("type '{name}' is not subscriptable")));
        }
        Err(self.type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(obj)
        )))
    }

    fn call_class_getitem(&mut self, cls: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        if ObjRef::ptr_eq(cls, &self.types.type_) {
            return Ok(Some(crate::objects::codeobj::type_getitem(self, key)));
        }
        let name = self.intern("__class_getitem__");
        let clsv = Value::Obj(cls.clone());
        match self.getattr_opt(&clsv, &name)? {
            Some(f) => Ok(Some(self.call_pos(&f, std::slice::from_ref(key))?)),
            None => Ok(None),
        }
    }

    /// `obj[key] = value`.
    pub fn setitem(&mut self, obj: &Value, key: Value, value: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj
            && let Payload::Dict(_) = &o.payload
            && o.with_class(|c| type_data(c).builtin)
        {
            return self.dict_set(o, key, value);
        }
        match self.call_special(obj, "__setitem__", &[key, value])? {
            Some(_) => Ok(()),
            None => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, obj: &Value, key: Value) -> PyResult<()> {
        if let Value::Obj(o) = obj
            && let Payload::Dict(_) = &o.payload
            && o.with_class(|c| type_data(c).builtin)
        {
            return match self.dict_del(o, &key)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(key)),
            };
        }
        match self.call_special(obj, "__delitem__", &[key])? {
            Some(_) => Ok(()),
            None => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                self.type_name(obj)
            ))),
        }
    }

    /// `mapping.get(key)` for namespaces: `None` when the key is missing (KeyError swallowed).
    pub fn mapping_get(&mut self, mapping: &Value, key: &Value) -> PyResult<Option<Value>> {
        if let Value::Obj(o) = mapping
            && let Payload::Dict(_) = &o.payload
            && o.with_class(|c| type_data(c).builtin)
        {
            return self.dict_get(o, key);
        }
        match self.getitem(mapping, key) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.err_matches(&e, &self.types.key_error.clone()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `operator.index(v)` as an i64 (`OverflowError` past 64 bits).
    pub fn index_to_i64(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(i64::from(b.get())),
            Value::Obj(o) if matches!(o.payload, Payload::Int(_)) => {
                let Payload::Int(b) = &o.payload else {
                    unreachable!()
                };
                use num_traits::ToPrimitive;
                b.to_i64().ok_or_else(|| {
                    self.overflow_error("Python int too large to convert to C ssize_t")
                })
            }
            _ => match self.call_special(v, "__index__", &[])? {
                Some(r @ (Value::Int(_) | Value::Bool(_))) => self.index_to_i64(&r),
                Some(r) if matches!(r.payload(), Some(Payload::Int(_))) => self.index_to_i64(&r),
                Some(r) => Err(self.type_error(format!(
                    "__index__ returned non-int (type {})",
                    self.type_name(&r)
                ))),
                None => Err(self.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    self.type_name(v)
                ))),
            },
        }
    }

    /// The module name of a type, for reprs (`__module__` in its namespace, else `builtins`).
    pub fn type_module_name(&mut self, t: &ObjRef) -> String {
        let h = self.hash_text("__module__");
        match crate::objects::typeobj::dict_get_str(&type_data(t).dict.borrow(), "__module__", h) {
            // A builtin type's own dict may hold a descriptor (`type.__module__` itself).
            Some(v) if matches!(v.payload(), Some(Payload::Str(_))) => self.str_text(&v),
            _ => String::from("builtins"),
        }
    }
}

fn cmp_dunder(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Lt => "__lt__",
        CompareOp::Le => "__le__",
        CompareOp::Eq => "__eq__",
        CompareOp::Ne => "__ne__",
        CompareOp::Gt => "__gt__",
        CompareOp::Ge => "__ge__",
    }
}

/// Apply a comparison operator to an ordering.
pub fn cmp_ord(o: std::cmp::Ordering, op: CompareOp) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    }
}

/// Compare two floats (NaN compares unequal to everything).
pub fn cmp_float(x: f64, y: f64, op: CompareOp) -> bool {
    match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    }
}

/// CPython's identity hash (`_Py_HashPointer`): the address rotated by 4 bits.
pub fn hash_identity(v: &Value) -> i64 {
    let a = v.identity();
    let h = a.rotate_right(4) as i64;
    if h == -1 { -2 } else { h }
}
