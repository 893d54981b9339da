//! Calling: the call protocol, binding arguments to parameters, making functions and running
//! code objects (CPython: `Objects/call.c`, `Python/ceval.c: initialize_locals`).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use krait_bytecode::{CodeFlags, CodeObject, Constant};

use crate::frame::{Code, Exit, Frame};
use crate::object::{ObjRef, Payload};
use crate::objects::function::{Args, FunctionData};
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// `callable(*args)` with keyword arguments as in [`Args`].
    ///
    /// A builtin that takes its arguments as they are (a function, or a method descriptor
    /// called with `self` first) is called right here: the eval loop's calls of `len`,
    /// `isinstance`, `str.isdigit`, `list.append` pay no out-of-line dispatch.
    #[inline]
    pub fn call(&mut self, callable: &Value, args: Args<'_>) -> PyResult<Value> {
        if let Value::Obj(obj) = callable
            && let Payload::Builtin(b) = &obj.payload
            && (b.bound.is_none() || !(b.is_method || b.is_classmethod || b.is_static))
            && !(b.is_method && args.values.is_empty())
        {
            let r = (b.func)(self, args);
            return self.after_native(r);
        }
        self.call_any(callable, args)
    }

    /// [`Vm::call`] for every kind of callable.
    fn call_any(&mut self, callable: &Value, args: Args<'_>) -> PyResult<Value> {
        let Value::Obj(obj) = callable else {
            return Err(self.type_error(format!(
                "'{}' object is not callable",
                self.type_name(callable)
            )));
        };
        match &obj.payload {
            Payload::Function(_) => self.call_function(obj, args),
            Payload::Builtin(b) => match &b.bound {
                Some(receiver) if b.is_method || b.is_classmethod => {
                    let mut v = Vec::with_capacity(args.values.len() + 1);
                    v.push(receiver.clone());
                    v.extend_from_slice(args.values);
                    let r = (b.func)(
                        self,
                        Args {
                            values: &v,
                            kwnames: args.kwnames,
                        },
                    );
                    self.after_native(r)
                }
                // A type's `__new__` (`tp_new_wrapper`), called directly.
                Some(Value::Obj(owner)) if b.is_static => {
                    self.check_new_call(owner, args.values)?;
                    let r = (b.func)(self, args);
                    self.after_native(r)
                }
                None if b.is_method && args.values.is_empty() => {
                    Err(unbound_needs_argument(self, b))
                }
                _ => {
                    let r = (b.func)(self, args);
                    self.after_native(r)
                }
            },
            Payload::Method(m) => {
                let (func, receiver) = (&m.0, &m.1);
                let mut v = Vec::with_capacity(args.values.len() + 1);
                v.push(receiver.clone());
                v.extend_from_slice(args.values);
                let func = func.clone();
                self.call(
                    &func,
                    Args {
                        values: &v,
                        kwnames: args.kwnames,
                    },
                )
            }
            Payload::Type(_) => self.call_type(obj, args),
            _ => match self.lookup_special_str(callable, "__call__") {
                Some(m) if matches!(m.payload(), Some(Payload::Function(_))) => {
                    let mut v = Vec::with_capacity(args.values.len() + 1);
                    v.push(callable.clone());
                    v.extend_from_slice(args.values);
                    self.call(
                        &m,
                        Args {
                            values: &v,
                            kwnames: args.kwnames,
                        },
                    )
                }
                Some(m) => {
                    if self.stack_exhausted() {
                        return Err(self.recursion_error(
                            "maximum recursion depth exceeded while calling a Python object",
                        ));
                    }
                    // A native type's own `__call__` (partial, lru_cache): called with the
                    // instance first, without making a bound method in between.
                    if let Some(Payload::Builtin(b)) = m.payload()
                        && b.is_method
                        && !b.is_classmethod
                        && b.bound.is_none()
                    {
                        let f = b.func;
                        let mut v = Vec::with_capacity(args.values.len() + 1);
                        v.push(callable.clone());
                        v.extend_from_slice(args.values);
                        let r = f(
                            self,
                            Args {
                                values: &v,
                                kwnames: args.kwnames,
                            },
                        );
                        return self.after_native(r);
                    }
                    let t = Value::Obj(self.type_of(callable));
                    let bound = self.descriptor_get(&m, callable, &t)?;
                    self.call(&bound, args)
                }
                None => Err(self.type_error(format!(
                    "'{}' object is not callable",
                    self.type_name(callable)
                ))),
            },
        }
    }

    /// Call with positional arguments only.
    pub fn call_pos(&mut self, callable: &Value, args: &[Value]) -> PyResult<Value> {
        self.call(callable, Args::positional(args))
    }

    /// `f(*args, **kwargs)`.
    pub fn call_ex(
        &mut self,
        func: &Value,
        args: &Value,
        kwargs: Option<&Value>,
    ) -> PyResult<Value> {
        let mut values = match args.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => {
                let iterable = self.lookup_special_str(args, "__iter__").is_some()
                    || self.lookup_special_str(args, "__getitem__").is_some();
                if !iterable {
                    let fname = self.callable_name(func);
                    let tn = self.type_name(args);
                    return Err(self.type_error(format!(
                        "{fname} argument after * must be an iterable, not {tn}"
                    )));
                }
                self.iterate(args)?
            }
        };
        let mut names = Vec::new();
        if let Some(kw) = kwargs {
            let items = self.dict_items(kw)?;
            for (k, v) in items {
                if !matches!(k.payload(), Some(Payload::Str(_))) {
                    return Err(self.type_error("keywords must be strings"));
                }
                names.push(k);
                values.push(v);
            }
        }
        self.call(
            func,
            Args {
                values: &values,
                kwnames: &names,
            },
        )
    }

    /// Call a Python function object.
    pub fn call_function(&mut self, func: &ObjRef, args: Args<'_>) -> PyResult<Value> {
        let Payload::Function(fd) = &func.payload else {
            return Err(self.type_error("not a function"));
        };
        let code = self.function_code(fd)?;
        let mut frame = self.frame_with_builtins(
            code.clone(),
            fd.globals.clone(),
            fd.builtins.clone(),
            None,
            Some(func.clone()),
        );
        self.bind_args(&mut frame, fd, args)?;
        let flags = code.co.flags;
        if flags.0 & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR) != 0
        {
            return Ok(self.make_generator(frame, fd));
        }
        self.run_frame(frame)
    }

    /// Run a frame to completion, with recursion accounting.
    pub fn run_frame(&mut self, mut frame: Frame) -> PyResult<Value> {
        if let Err(e) = self.enter_frame(&frame) {
            self.recycle_frame(frame);
            return Err(e);
        }
        let r = self.execute(&mut frame);
        self.leave_frame();
        if self.profiler.is_some() {
            let ret = match &r {
                Ok(Exit::Return(v) | Exit::Yield(v)) => Some(v),
                Err(_) => None,
            };
            self.profile_leave_frame(&frame.code, ret);
        }
        self.recycle_frame(frame);
        match r? {
            Exit::Return(v) | Exit::Yield(v) => Ok(v),
        }
    }

    /// Return a finished frame's value vectors to the pool.
    #[inline(always)]
    pub fn recycle_frame(&mut self, frame: Frame) {
        let Frame {
            mut fast,
            mut stack,
            ..
        } = frame;
        if self.value_pool.len() < 64 && fast.capacity() <= 256 && stack.capacity() <= 256 {
            // Popping one by one is inlined and cheap for the few locals a frame has (a
            // slice drop is an out-of-line loop); the stack is empty after a return.
            while let Some(v) = fast.pop() {
                drop(v);
            }
            while let Some(v) = stack.pop() {
                drop(v);
            }
            self.value_pool.push((fast, stack));
        }
    }

    /// Push a frame record, refusing when the recursion limit or the Rust stack is reached.
    #[inline(always)]
    pub fn enter_frame(&mut self, frame: &Frame) -> PyResult<()> {
        self.check_frame_depth()?;
        self.push_frame_link(frame);
        if self.profiler.is_some()
            && let Err(e) = self.profile_enter_frame(frame)
        {
            // The caller finishes the frame without `leave_frame`.
            self.leave_frame();
            return Err(e);
        }
        Ok(())
    }

    /// Refuse one more Python frame when the recursion limit or the Rust stack is reached.
    #[inline(always)]
    pub fn check_frame_depth(&mut self) -> PyResult<()> {
        if self.recursion_depth() >= self.recursion_limit || self.stack_exhausted() {
            return Err(self.frame_depth_error());
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn frame_depth_error(&mut self) -> crate::PyErr {
        let t = self.types.recursion_error.clone();
        self.new_exception_msg(&t, "maximum recursion depth exceeded")
    }

    /// Push `frame`'s record on `Vm::frames` (no checks; see [`Vm::enter_frame`]).
    #[inline(always)]
    pub fn push_frame_link(&mut self, frame: &Frame) {
        // Capacity first, then the record is written straight into its slot: built in a
        // temporary by 8-byte stores and copied by 16-byte loads, it stalls on store forwarding.
        if self.frames.len() == self.frames.capacity() {
            self.frames.reserve(16);
        }
        // SAFETY: the record borrows the frame's code and globals without counting them;
        // the caller pops it (`leave_frame`) before the frame is finished (see `FrameLink`).
        let link = unsafe {
            crate::frame::FrameLink {
                code: std::mem::ManuallyDrop::new(std::ptr::read(&frame.code)),
                globals: std::mem::ManuallyDrop::new(std::ptr::read(&frame.globals)),
                frame_obj: None,
                ip: std::cell::Cell::new(0),
            }
        };
        let n = self.frames.len();
        // SAFETY: the capacity exceeds `n` (checked and reserved above), so index `n` is
        // allocated and unused; after the write the first `n + 1` elements are initialised.
        unsafe {
            self.frames.as_mut_ptr().add(n).write(link);
            self.frames.set_len(n + 1);
        }
    }

    /// Pop the record [`Vm::enter_frame`] pushed. Inline: `Vec::pop` of the record and the
    /// drop of the `Option` around it are out-of-line calls on every return otherwise.
    #[inline(always)]
    pub fn leave_frame(&mut self) {
        // Only the frame object is owned (`code` and `globals` are borrowed).
        if let Some(link) = self.frames.pop() {
            drop(link.frame_obj);
        }
    }

    /// Whether the Rust stack is too deep to safely run more Python.
    #[inline]
    pub fn stack_exhausted(&self) -> bool {
        let here = 0u8;
        let addr = &here as *const u8 as usize;
        self.stack_limit != 0 && addr < self.stack_limit
    }

    /// A fresh frame for `code`.
    pub fn new_frame(
        &mut self,
        code: Rc<Code>,
        globals: ObjRef,
        locals: Option<Value>,
        func: Option<ObjRef>,
    ) -> Frame {
        let builtins = self.builtins_for(&globals);
        self.frame_with_builtins(code, globals, builtins, locals, func)
    }

    /// A fresh frame whose builtins namespace is already known. The value vectors come from a
    /// pool of finished frames, so a call allocates nothing in the steady state.
    #[inline(always)]
    pub fn frame_with_builtins(
        &mut self,
        code: Rc<Code>,
        globals: ObjRef,
        builtins: ObjRef,
        locals: Option<Value>,
        func: Option<ObjRef>,
    ) -> Frame {
        let n = code.co.localsplus.len();
        let (mut fast, mut stack) = self.value_pool.pop().unwrap_or_default();
        fast.reserve(n);
        for _ in 0..n {
            // Capacity is reserved: this is a store and a length bump.
            fast.push(Value::Null);
        }
        stack.reserve(code.co.max_stack as usize);
        Frame {
            fast,
            stack,
            code,
            func,
            globals,
            builtins,
            locals,
            ip: 0,
            kwnames: None,
            locals_dict: None,
        }
    }

    /// Put `__builtins__` in a globals dict that lacks it, as `exec(code, globals)` does, so
    /// code run there finds the builtins through its globals.
    pub fn ensure_builtins(&mut self, globals: &ObjRef) {
        let k = self.intern("__builtins__");
        if self.dict_get_str_obj(globals, &k).is_none() {
            let bd = Value::Obj(self.builtins.clone());
            self.set_dict_str(globals, "__builtins__", bd);
        }
    }

    fn builtins_for(&mut self, globals: &ObjRef) -> ObjRef {
        let key = self.intern("__builtins__");
        match self.dict_get_str_obj(globals, &key) {
            Some(Value::Obj(o)) => match &o.payload {
                Payload::Dict(_) => o,
                Payload::Module(m) => m.dict.clone(),
                _ => self.builtins.clone(),
            },
            _ => self.builtins.clone(),
        }
    }

    /// Bind call arguments to the frame's parameter slots (`initialize_locals`), with
    /// CPython's error messages.
    fn bind_args(&mut self, frame: &mut Frame, fd: &FunctionData, args: Args<'_>) -> PyResult<()> {
        let npos_params = frame.code.co.arg_count as usize;
        let nkwonly = frame.code.co.kwonly_arg_count as usize;
        let flags = frame.code.co.flags;
        let has_varargs = flags.has(CodeFlags::VARARGS);
        let has_varkw = flags.has(CodeFlags::VARKEYWORDS);
        let pos = args.pos();
        // The common shape: exactly the positional parameters, nothing else.
        if args.kwnames.is_empty()
            && nkwonly == 0
            && !has_varargs
            && !has_varkw
            && pos.len() == npos_params
            && let Some(params) = frame.fast.get_mut(..npos_params)
        {
            params.clone_from_slice(pos);
            return Ok(());
        }
        let co = frame.code.co.clone();
        let fname = self.func_qualname(fd);

        // Positional arguments.
        let take = pos.len().min(npos_params);
        frame.fast[..take].clone_from_slice(&pos[..take]);
        let mut slot = npos_params + nkwonly;
        if has_varargs {
            let extra = if pos.len() > npos_params {
                pos[npos_params..].to_vec()
            } else {
                Vec::new()
            };
            frame.fast[slot] = self.new_tuple(extra);
            slot += 1;
        } else if pos.len() > npos_params {
            return Err(self.too_many_positional(&fname, fd, &co, pos.len(), args));
        }
        let kwdict = if has_varkw {
            let d = self.new_dict();
            frame.fast[slot] = Value::Obj(d.clone());
            Some(d)
        } else {
            None
        };

        // Keyword arguments.
        for (name, value) in args.kwargs() {
            let Some(Payload::Str(n)) = name.payload() else {
                // `_PyStack_UnpackDict` rejects these before any function name is known.
                return Err(self.type_error("keywords must be strings"));
            };
            let idx = co.localsplus[..npos_params + nkwonly]
                .iter()
                .position(|p| p.as_bytes() == n.wtf8());
            match idx {
                Some(i) if i >= co.posonly_arg_count as usize => {
                    if !frame.fast[i].is_null() {
                        return Err(self.type_error(format!(
                            "{fname}() got multiple values for argument '{}'",
                            n.as_str()
                        )));
                    }
                    frame.fast[i] = value.clone();
                }
                _ => match &kwdict {
                    Some(d) => {
                        let dv = Value::Obj(d.clone());
                        self.setitem(&dv, name.clone(), value.clone())?;
                    }
                    None => {
                        if idx.is_some() {
                            let posonly = &co.localsplus[..co.posonly_arg_count as usize];
                            let names: Vec<String> = args
                                .kwargs()
                                .filter_map(|(k, _)| match k.payload() {
                                    Some(Payload::Str(s)) => Some(s.as_str().into_owned()),
                                    _ => None,
                                })
                                .filter(|k| posonly.iter().any(|p| p == k))
                                .collect();
                            return Err(self.type_error(format!(
                                "{fname}() got some positional-only arguments passed as keyword arguments: '{}'",
                                names.join(", ")
                            )));
                        }
                        return Err(self.type_error(format!(
                            "{fname}() got an unexpected keyword argument '{}'",
                            n.as_str()
                        )));
                    }
                },
            }
        }

        // Defaults for missing positional parameters.
        if pos.len() < npos_params {
            let defaults: Vec<Value> = match &*fd.defaults.borrow() {
                Value::Obj(o) => match &o.payload {
                    Payload::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            let first_default = npos_params - defaults.len().min(npos_params);
            let mut missing = Vec::new();
            for i in pos.len()..npos_params {
                if frame.fast[i].is_null() {
                    if i >= first_default {
                        frame.fast[i] = defaults[i - first_default].clone();
                    } else {
                        missing.push(co.localsplus[i].clone());
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_args(&fname, "positional", &missing));
            }
        }
        // Keyword-only defaults.
        if nkwonly > 0 {
            let kwdefaults = fd.kwdefaults.borrow().clone();
            let mut missing = Vec::new();
            for i in npos_params..npos_params + nkwonly {
                if frame.fast[i].is_null() {
                    let key = self.new_str(&co.localsplus[i]);
                    let d = if kwdefaults.is_none() {
                        None
                    } else {
                        self.mapping_get(&kwdefaults, &key)?
                    };
                    match d {
                        Some(v) => frame.fast[i] = v,
                        None => missing.push(co.localsplus[i].clone()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_args(&fname, "keyword-only", &missing));
            }
        }
        Ok(())
    }

    fn func_qualname(&self, fd: &FunctionData) -> String {
        match &*fd.qualname.borrow() {
            Value::Obj(o) => match &o.payload {
                Payload::Str(s) => s.as_str().into_owned(),
                _ => String::from("?"),
            },
            _ => String::from("?"),
        }
    }

    fn too_many_positional(
        &mut self,
        fname: &str,
        fd: &FunctionData,
        co: &CodeObject,
        given: usize,
        args: Args<'_>,
    ) -> crate::PyErr {
        let npos = co.arg_count as usize;
        let ndefaults = match &*fd.defaults.borrow() {
            Value::Obj(o) => match &o.payload {
                Payload::Tuple(t) => t.len(),
                _ => 0,
            },
            _ => 0,
        };
        let kwonly_given = args
            .kwargs()
            .filter(|(n, _)| {
                let Some(Payload::Str(s)) = n.payload() else {
                    return false;
                };
                co.localsplus[npos..npos + co.kwonly_arg_count as usize]
                    .iter()
                    .any(|p| p.as_bytes() == s.wtf8())
            })
            .count();
        let takes = if ndefaults > 0 {
            format!("from {} to {} positional arguments", npos - ndefaults, npos)
        } else {
            format!(
                "{} positional argument{}",
                npos,
                if npos == 1 { "" } else { "s" }
            )
        };
        let given_s = if kwonly_given > 0 {
            format!(
                "{} positional argument{} (and {} keyword-only argument{})",
                given,
                if given == 1 { "" } else { "s" },
                kwonly_given,
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{} {}", given, if given == 1 { "was" } else { "were" })
        };
        let verb = if kwonly_given > 0 {
            "were given"
        } else {
            "given"
        };
        let msg = format!("{fname}() takes {takes} but {given_s} {verb}");
        self.type_error(msg)
    }

    fn missing_args(&mut self, fname: &str, kind: &str, missing: &[String]) -> crate::PyErr {
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            _ => format!(
                "{}, and {}",
                quoted[..quoted.len() - 1].join(", "),
                quoted[quoted.len() - 1]
            ),
        };
        let n = missing.len();
        self.type_error(format!(
            "{fname}() missing {n} required {kind} argument{}: {list}",
            if n == 1 { "" } else { "s" }
        ))
    }

    /// `MAKE_FUNCTION`.
    pub fn make_function(
        &mut self,
        frame: &Frame,
        code_obj: Value,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
        annotations: Option<Value>,
        closure: Option<Value>,
    ) -> PyResult<Value> {
        let (code, fn_strings) = match code_obj.payload() {
            Some(Payload::Code(code)) => (code.clone(), code.fn_strings.clone()),
            Some(Payload::LazyCode(lazy)) => {
                let code = match &*lazy.loaded.borrow() {
                    Some(code) => code.clone(),
                    None => self.lazy_placeholder.clone(),
                };
                (code, lazy.fn_strings.clone())
            }
            _ => return Err(self.type_error("MAKE_FUNCTION expects a code object")),
        };
        let closure = match closure.as_ref().and_then(|c| c.payload()) {
            Some(Payload::Tuple(t)) => Some(
                t.iter()
                    .filter_map(|c| c.as_obj().cloned())
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            ),
            _ => None,
        };
        let annotations = match annotations {
            Some(a) => {
                let d = Value::Obj(self.new_dict());
                let items = self.seq_to_vec(&a)?;
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    self.setitem(&d, k, v)?;
                }
                d
            }
            None => Value::None,
        };
        let module_key = self.intern("__name__");
        let module = self
            .dict_get_str_obj(&frame.globals, &module_key)
            .unwrap_or(Value::None);
        let [name, qualname, doc] = fn_strings;
        let fd = FunctionData {
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            code: RefCell::new(code),
            code_obj: RefCell::new(code_obj.clone()),
            globals: frame.globals.clone(),
            builtins: frame.builtins.clone(),
            defaults: RefCell::new(defaults.unwrap_or(Value::None)),
            kwdefaults: RefCell::new(kwdefaults.unwrap_or(Value::None)),
            closure,
            doc: RefCell::new(doc),
            annotations: RefCell::new(annotations),
            module: RefCell::new(module),
        };
        let dict = self.new_dict();
        Ok(Value::Obj(ObjRef::with_dict(
            self.types.function.clone(),
            Payload::Function(Box::new(fd)),
            dict,
        )))
    }

    /// Turn a compiled code object into the VM's runnable form (constants to values).
    pub fn load_code(&mut self, co: Arc<CodeObject>) -> Rc<Code> {
        let consts = co
            .constants
            .iter()
            .map(|c| self.constant_value(c))
            .collect();
        let names: Box<[ObjRef]> = co.names.iter().map(|n| self.intern(n)).collect();
        let local_names = co.localsplus.iter().map(|n| self.intern(n)).collect();
        let not_simple = CodeFlags::VARARGS
            | CodeFlags::VARKEYWORDS
            | CodeFlags::GENERATOR
            | CodeFlags::COROUTINE
            | CodeFlags::ASYNC_GENERATOR;
        let simple_argc = if co.flags.0 & not_simple == 0 && co.kwonly_arg_count == 0 {
            co.arg_count
        } else {
            u32::MAX
        };
        let doc = match &co.docstring {
            Some(d) => self.new_str(d),
            None => Value::None,
        };
        let fn_strings = [self.new_str(&co.name), self.new_str(&co.qualname), doc];
        Rc::new(Code {
            fn_strings,
            simple_argc,
            warmup: std::cell::Cell::new(0),
            caches: std::cell::OnceCell::new(),
            co,
            consts,
            names,
            local_names,
        })
    }

    /// A compile-time constant as a value.
    pub fn constant_value(&mut self, c: &Constant) -> Value {
        match c {
            Constant::None => Value::None,
            Constant::Ellipsis => self.ellipsis.clone(),
            Constant::Bool(b) => Value::bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::BigInt(b) => Value::from_bigint(b.clone(), self),
            Constant::Float(f) => Value::float(*f),
            Constant::Complex(re, im) => self.new_complex(*re, *im),
            Constant::Str(text) => match text.as_str() {
                Some(s) if s.len() <= 40 => Value::Obj(self.intern(s)),
                Some(s) => self.new_string(s.to_owned()),
                None => self.new_pystr(crate::objects::str::PyStr::from_code_points(
                    text.code_points(),
                )),
            },
            Constant::Bytes(b) => self.new_bytes(b.to_vec()),
            Constant::Tuple(items) => {
                let v = items.iter().map(|c| self.constant_value(c)).collect();
                self.new_tuple(v)
            }
            Constant::FrozenSet(items) => {
                let v: Vec<Value> = items.iter().map(|c| self.constant_value(c)).collect();
                // CPython's compiler rebuilds the set once from its own iteration order
                // (`merge_consts_recursive`), which moves colliding keys; do the same.
                let first = self.new_frozenset_from(v).unwrap_or(Value::None);
                let order: Vec<Value> = crate::objects::setmethods::set_keys(&first)
                    .into_iter()
                    .map(|(_, k)| k)
                    .collect();
                self.new_frozenset_from(order).unwrap_or(Value::None)
            }
            Constant::Code(inner) => {
                let code = self.load_code(inner.clone());
                Value::Obj(ObjRef::new(self.types.code.clone(), Payload::Code(code)))
            }
            Constant::Lazy(lazy) => {
                let name = Value::Obj(self.intern(lazy.name()));
                let qualname = self.new_str(lazy.qualname());
                let doc = match lazy.docstring() {
                    Some(d) => self.new_str(d),
                    None => Value::None,
                };
                let obj = crate::codecache::LazyCodeObj {
                    lazy: lazy.clone(),
                    loaded: RefCell::new(None),
                    fn_strings: [name, qualname, doc],
                };
                Value::Obj(ObjRef::new(
                    self.types.code.clone(),
                    Payload::LazyCode(Box::new(obj)),
                ))
            }
        }
    }

    /// Run a module-level code object with `globals` as its namespace.
    pub fn run_code(
        &mut self,
        co: Arc<CodeObject>,
        globals: ObjRef,
        locals: Option<Value>,
    ) -> PyResult<Value> {
        let code = self.load_code(co);
        let locals = locals.or_else(|| Some(Value::Obj(globals.clone())));
        let frame = self.new_frame(code, globals, locals, None);
        self.run_frame(frame)
    }
}

/// A method descriptor of a native type called without `self` (CPython's `descr_check` and
/// `wrapperdescr_call`): `unbound method str.isdigit() needs an argument`, or for a slot
/// wrapper `descriptor '__len__' of 'str' object needs an argument`.
#[cold]
#[inline(never)]
fn unbound_needs_argument(vm: &mut Vm, b: &crate::objects::function::BuiltinData) -> crate::PyErr {
    let ty = match &b.owner {
        Some(o) => vm.type_name_of(o),
        None => "object".to_string(),
    };
    let name = b.name;
    vm.type_error(if is_slot_wrapper(&ty, name) {
        format!("descriptor '{name}' of '{ty}' object needs an argument")
    } else {
        format!("unbound method {ty}.{name}() needs an argument")
    })
}

/// Whether CPython implements the method `name` of the native type `ty` as a slot wrapper
/// (`wrapper_descriptor`) rather than a plain method: the dunders, except those it defines
/// as methods (`__format__`, `__sizeof__`, ..., and `list.__getitem__`'s `METH_COEXIST`).
pub(crate) fn is_slot_wrapper(ty: &str, name: &str) -> bool {
    let method = !(name.starts_with("__") && name.ends_with("__"))
        || matches!(
            name,
            "__format__"
                | "__getnewargs__"
                | "__getnewargs_ex__"
                | "__sizeof__"
                | "__reversed__"
                | "__bytes__"
                | "__ceil__"
                | "__floor__"
                | "__round__"
                | "__trunc__"
                | "__reduce__"
                | "__reduce_ex__"
                | "__copy__"
                | "__deepcopy__"
                | "__getstate__"
                | "__setstate__"
                | "__dir__"
                | "__length_hint__"
                | "__subclasses__"
                | "__instancecheck__"
                | "__subclasscheck__"
                | "__enter__"
                | "__exit__"
                | "__complex__"
                | "__fspath__"
        )
        || (name == "__getitem__" && matches!(ty, "list" | "dict"))
        || (name == "__contains__" && matches!(ty, "dict" | "set" | "frozenset"));
    !method
}
