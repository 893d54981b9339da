//! `itertools` (CPython: `Modules/itertoolsmodule.c`).
//!
//! Every iterator is a `Payload::Native(Iter)`: one state enum behind a `RefCell`, one
//! `__next__` that matches on it. The state is never borrowed while Python code runs (a key
//! function, a predicate, the next item of an argument): the values needed are copied out
//! first, so a re-entrant call sees consistent state instead of a borrow panic. Each kind is
//! its own Python type with CPython's name; argument checks use CPython's messages.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use krait_bytecode::BinaryOp;

use crate::native::{bind_args, method_args, native_ref, no_kwargs, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

/// An itertools iterator.
struct Iter(RefCell<State>);

/// The buffer `tee` iterators share: items not yet seen by every copy.
struct TeeShared {
    it: Value,
    buf: VecDeque<Value>,
    /// Index (in the whole stream) of `buf[0]`.
    base: usize,
    /// Whether a copy is fetching the next item from `it` (another thread, or the source
    /// itself, asking again must fail, not wait or read twice).
    running: bool,
}

enum State {
    Count {
        n: Value,
        step: Value,
    },
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        idx: usize,
    },
    Repeat {
        obj: Value,
        left: Option<usize>,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    Chain {
        source: Option<Value>,
        active: Option<Value>,
    },
    Compress {
        data: Value,
        selectors: Value,
    },
    DropWhile {
        pred: Value,
        it: Value,
        dropping: bool,
    },
    TakeWhile {
        pred: Value,
        it: Value,
        done: bool,
    },
    FilterFalse {
        pred: Value,
        it: Value,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    ISlice {
        it: Option<Value>,
        next: usize,
        stop: Option<usize>,
        step: usize,
        count: usize,
    },
    Pairwise {
        it: Option<Value>,
        old: Option<Value>,
    },
    ZipLongest {
        iters: Vec<Option<Value>>,
        fill: Value,
        active: usize,
    },
    GroupBy {
        it: Value,
        key: Value,
        tgtkey: Option<Value>,
        currkey: Option<Value>,
        currvalue: Option<Value>,
        /// Identity of the current `_grouper`: an older one stops when the group moves on.
        current: usize,
    },
    Grouper {
        parent: Value,
        tgtkey: Value,
        id: usize,
    },
    Tee {
        shared: Rc<RefCell<TeeShared>>,
        pos: usize,
    },
    /// `product`, `permutations`, `combinations`, `combinations_with_replacement`.
    Combinatoric(Box<Comb>),
    Done,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CombKind {
    Product,
    Permutations,
    Combinations,
    WithReplacement,
}

struct Comb {
    kind: CombKind,
    /// The pool (for `product`, all pools concatenated with `bounds`).
    pools: Vec<Vec<Value>>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    first: bool,
}

/// The values an itertools object holds (`gc.get_referents`).
pub(super) fn native_referents(n: &dyn std::any::Any, visit: &mut dyn FnMut(&Value)) {
    let Some(Iter(st)) = n.downcast_ref::<Iter>() else {
        return;
    };
    let Ok(st) = st.try_borrow() else {
        return;
    };
    let mut v: Vec<&Value> = Vec::new();
    match &*st {
        State::Count { n, step } => v.extend([n, step]),
        State::Cycle { it, saved, .. } => {
            v.extend(it);
            v.extend(saved);
        }
        State::Repeat { obj, .. } => v.push(obj),
        State::Accumulate {
            it,
            func,
            total,
            initial,
        } => {
            v.extend([it, func]);
            v.extend(total);
            v.extend(initial);
        }
        State::Chain { source, active } => {
            v.extend(source);
            v.extend(active);
        }
        State::Compress {
            data: a,
            selectors: b,
        }
        | State::DropWhile { pred: a, it: b, .. }
        | State::TakeWhile { pred: a, it: b, .. }
        | State::FilterFalse { pred: a, it: b }
        | State::StarMap { func: a, it: b }
        | State::Grouper {
            parent: a,
            tgtkey: b,
            ..
        } => v.extend([a, b]),
        State::ISlice { it, .. } => v.extend(it),
        State::Pairwise { it, old } => {
            v.extend(it);
            v.extend(old);
        }
        State::ZipLongest { iters, fill, .. } => {
            v.extend(iters.iter().flatten());
            v.push(fill);
        }
        State::GroupBy {
            it,
            key,
            tgtkey,
            currkey,
            currvalue,
            ..
        } => {
            v.extend([it, key]);
            v.extend(tgtkey);
            v.extend(currkey);
            v.extend(currvalue);
        }
        State::Tee { shared, .. } => {
            if let Ok(sh) = shared.try_borrow() {
                visit(&sh.it);
                sh.buf.iter().for_each(&mut *visit);
            }
        }
        State::Combinatoric(c) => v.extend(c.pools.iter().flatten()),
        State::Done => {}
    }
    v.into_iter().for_each(visit);
}

/// The itertools types, by name.
const TYPES: &[&str] = &[
    "count",
    "cycle",
    "repeat",
    "accumulate",
    "chain",
    "compress",
    "dropwhile",
    "takewhile",
    "filterfalse",
    "starmap",
    "islice",
    "pairwise",
    "zip_longest",
    "groupby",
    "_grouper",
    "_tee",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
];

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let mut types = Vec::new();
    for name in TYPES {
        let t = super::new_type(vm, "itertools", name, !name.starts_with('_'));
        vm.add_methods(
            &t,
            crate::methods![
                method "__iter__" => iter_self, "";
                method "__next__" => iter_next, "";
            ],
        );
        super::set_attr(vm, m, name, Value::Obj(t.clone()));
        types.push(t);
    }
    let ty = |n: &str| types[TYPES.iter().position(|t| *t == n).unwrap_or(0)].clone();
    let news: &[(&str, crate::objects::function::NativeFn)] = &[
        ("count", count_new),
        ("cycle", cycle_new),
        ("repeat", repeat_new),
        ("accumulate", accumulate_new),
        ("chain", chain_new),
        ("compress", compress_new),
        ("dropwhile", dropwhile_new),
        ("takewhile", takewhile_new),
        ("filterfalse", filterfalse_new),
        ("starmap", starmap_new),
        ("islice", islice_new),
        ("pairwise", pairwise_new),
        ("zip_longest", zip_longest_new),
        ("groupby", groupby_new),
        ("product", product_new),
        ("permutations", permutations_new),
        ("combinations", combinations_new),
        ("combinations_with_replacement", cwr_new),
    ];
    for (n, f) in news {
        let t = ty(n);
        let def = crate::objects::function::MethodDef {
            name: "__new__",
            func: *f,
            kind: crate::objects::function::MethodKind::Static,
            doc: "",
        };
        vm.add_methods(&t, std::slice::from_ref(&def));
    }
    vm.add_methods(
        &ty("count"),
        crate::methods![ method "__repr__" => count_repr, ""; ],
    );
    vm.add_methods(
        &ty("repeat"),
        crate::methods![
            method "__repr__" => repeat_repr, "";
            method "__length_hint__" => repeat_length_hint, "";
        ],
    );
    vm.add_methods(
        &ty("chain"),
        crate::methods![
            classmethod "from_iterable" => chain_from_iterable, "";
            classmethod "__class_getitem__" => class_getitem, "";
        ],
    );
    vm.add_methods(
        &ty("_tee"),
        crate::methods![ method "__copy__" => tee_copy, ""; ],
    );
    vm.mods.itertools_types = Some(types);
    vm.add_functions(m, &[("tee", tee)]);
    Ok(())
}

fn type_named(vm: &Vm, name: &str) -> Option<ObjRef> {
    let i = TYPES.iter().position(|t| *t == name)?;
    vm.mods.itertools_types.as_ref()?.get(i).cloned()
}

fn make(vm: &mut Vm, cls: &ObjRef, st: State) -> Value {
    Value::Obj(vm.new_object(cls, Payload::Native(Box::new(Iter(RefCell::new(st))))))
}

fn make_named(vm: &mut Vm, name: &str, st: State) -> PyResult<Value> {
    match type_named(vm, name) {
        Some(t) => Ok(make(vm, &t, st)),
        None => Err(vm.runtime_error("itertools is not initialised")),
    }
}

/// The class and the arguments after it, for a `__new__`.
fn new_parts<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(ObjRef, Args<'a>)> {
    let cls = crate::native::new_cls(vm, args, name)?;
    Ok((
        cls,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    ))
}

fn state(v: &Value) -> Option<&Iter> {
    native_ref::<Iter>(v)
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(this.clone())
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    match next(vm, this)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

/// Set the state, if the object is still an itertools iterator.
fn set(this: &Value, st: State) {
    if let Some(it) = state(this) {
        *it.0.borrow_mut() = st;
    }
}

fn next(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    let Some(it) = state(this) else {
        return Err(vm.type_error("descriptor '__next__' requires an itertools object"));
    };
    // Copy what this step needs out of the state.
    let step = {
        let Ok(st) = it.0.try_borrow() else {
            return Err(vm.value_error("generator already executing"));
        };
        match &*st {
            State::Done => return Ok(None),
            State::Count { n, step } => Step::Count(n.clone(), step.clone()),
            State::Repeat { obj, left } => match left {
                Some(0) => return Ok(None),
                _ => Step::Repeat(obj.clone()),
            },
            State::Cycle { it, saved, idx } => Step::Cycle(it.clone(), saved.get(*idx).cloned()),
            State::Accumulate {
                it,
                func,
                total,
                initial,
            } => Step::Accumulate(it.clone(), func.clone(), total.clone(), initial.clone()),
            State::Chain { source, active } => Step::Chain(source.clone(), active.clone()),
            State::Compress { data, selectors } => Step::Compress(data.clone(), selectors.clone()),
            State::DropWhile { pred, it, dropping } => {
                Step::DropWhile(pred.clone(), it.clone(), *dropping)
            }
            State::TakeWhile { pred, it, done } => {
                if *done {
                    return Ok(None);
                }
                Step::TakeWhile(pred.clone(), it.clone())
            }
            State::FilterFalse { pred, it } => Step::FilterFalse(pred.clone(), it.clone()),
            State::StarMap { func, it } => Step::StarMap(func.clone(), it.clone()),
            State::ISlice {
                it,
                next,
                stop,
                step,
                count,
            } => Step::ISlice(it.clone(), *next, *stop, *step, *count),
            State::Pairwise { it, old } => Step::Pairwise(it.clone(), old.clone()),
            State::ZipLongest {
                iters,
                fill,
                active,
            } => Step::ZipLongest(iters.clone(), fill.clone(), *active),
            State::GroupBy { .. } => Step::GroupBy,
            State::Grouper { parent, tgtkey, id } => {
                Step::Grouper(parent.clone(), tgtkey.clone(), *id)
            }
            State::Tee { shared, pos } => Step::Tee(shared.clone(), *pos),
            State::Combinatoric(_) => Step::Comb,
        }
    };
    match step {
        Step::Count(n, stepv) => {
            let next = vm.binary_op(&n, &stepv, BinaryOp::Add)?;
            set(
                this,
                State::Count {
                    n: next,
                    step: stepv,
                },
            );
            Ok(Some(n))
        }
        Step::Repeat(obj) => {
            if let Some(it) = state(this)
                && let State::Repeat { left: Some(l), .. } = &mut *it.0.borrow_mut()
            {
                *l -= 1;
            }
            Ok(Some(obj))
        }
        Step::Cycle(source, saved_item) => {
            if let Some(src) = source {
                if let Some(v) = vm.next(&src)? {
                    if let Some(it) = state(this)
                        && let State::Cycle { saved, .. } = &mut *it.0.borrow_mut()
                    {
                        saved.push(v.clone());
                    }
                    return Ok(Some(v));
                }
                let mut empty = false;
                if let Some(it) = state(this)
                    && let State::Cycle { it: i, saved, idx } = &mut *it.0.borrow_mut()
                {
                    *i = None;
                    *idx = 0;
                    empty = saved.is_empty();
                }
                if empty {
                    set(this, State::Done);
                    return Ok(None);
                }
                return next(vm, this);
            }
            let Some(v) = saved_item else {
                set(this, State::Done);
                return Ok(None);
            };
            if let Some(it) = state(this)
                && let State::Cycle { saved, idx, .. } = &mut *it.0.borrow_mut()
            {
                *idx = (*idx + 1) % saved.len().max(1);
            }
            Ok(Some(v))
        }
        Step::Accumulate(src, func, total, initial) => {
            if let Some(init) = initial {
                if let Some(it) = state(this)
                    && let State::Accumulate { total, initial, .. } = &mut *it.0.borrow_mut()
                {
                    *total = Some(init.clone());
                    *initial = None;
                }
                return Ok(Some(init));
            }
            let Some(v) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            let new_total = match total {
                None => v,
                Some(t) if func.is_none() => vm.binary_op(&t, &v, BinaryOp::Add)?,
                Some(t) => vm.call_pos(&func, &[t, v])?,
            };
            if let Some(it) = state(this)
                && let State::Accumulate { total, .. } = &mut *it.0.borrow_mut()
            {
                *total = Some(new_total.clone());
            }
            Ok(Some(new_total))
        }
        Step::Chain(mut source, mut active) => loop {
            if let Some(a) = &active {
                if let Some(v) = vm.next(a)? {
                    return Ok(Some(v));
                }
                active = None;
            }
            let Some(src) = &source else {
                set(this, State::Done);
                return Ok(None);
            };
            match vm.next(src)? {
                Some(iterable) => {
                    let i = vm.iter(&iterable)?;
                    active = Some(i);
                }
                None => source = None,
            }
            set(
                this,
                State::Chain {
                    source: source.clone(),
                    active: active.clone(),
                },
            );
        },
        Step::Compress(data, selectors) => loop {
            let Some(d) = vm.next(&data)? else {
                set(this, State::Done);
                return Ok(None);
            };
            let Some(s) = vm.next(&selectors)? else {
                set(this, State::Done);
                return Ok(None);
            };
            if vm.is_true(&s)? {
                return Ok(Some(d));
            }
        },
        Step::DropWhile(pred, src, dropping) => loop {
            let Some(v) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            if !dropping {
                return Ok(Some(v));
            }
            let r = vm.call_pos(&pred, std::slice::from_ref(&v))?;
            if !vm.is_true(&r)? {
                if let Some(it) = state(this)
                    && let State::DropWhile { dropping: d, .. } = &mut *it.0.borrow_mut()
                {
                    *d = false;
                }
                return Ok(Some(v));
            }
        },
        Step::TakeWhile(pred, src) => {
            let Some(v) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            let r = vm.call_pos(&pred, std::slice::from_ref(&v))?;
            if vm.is_true(&r)? {
                return Ok(Some(v));
            }
            if let Some(it) = state(this)
                && let State::TakeWhile { done, .. } = &mut *it.0.borrow_mut()
            {
                *done = true;
            }
            Ok(None)
        }
        Step::FilterFalse(pred, src) => loop {
            let Some(v) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            let keep = if pred.is_none() {
                !vm.is_true(&v)?
            } else {
                let r = vm.call_pos(&pred, std::slice::from_ref(&v))?;
                !vm.is_true(&r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Step::StarMap(func, src) => {
            let Some(v) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            let argv = vm.iterate(&v)?;
            vm.call_pos(&func, &argv).map(Some)
        }
        Step::ISlice(src, nxt, stop, stepn, mut count) => {
            let Some(src) = src else { return Ok(None) };
            while count < nxt {
                if stop.is_some_and(|s| count >= s) {
                    break;
                }
                if vm.next(&src)?.is_none() {
                    set(this, State::Done);
                    return Ok(None);
                }
                count += 1;
            }
            if stop.is_some_and(|s| count >= s) {
                set(this, State::Done);
                return Ok(None);
            }
            let Some(v) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            count += 1;
            let mut new_next = nxt.saturating_add(stepn);
            if let Some(s) = stop
                && new_next > s
            {
                new_next = s;
            }
            set(
                this,
                State::ISlice {
                    it: Some(src),
                    next: new_next,
                    stop,
                    step: stepn,
                    count,
                },
            );
            Ok(Some(v))
        }
        Step::Pairwise(src, old) => {
            let Some(src) = src else { return Ok(None) };
            let old = match old {
                Some(o) => o,
                None => match vm.next(&src)? {
                    Some(o) => o,
                    None => {
                        set(this, State::Done);
                        return Ok(None);
                    }
                },
            };
            let Some(new) = vm.next(&src)? else {
                set(this, State::Done);
                return Ok(None);
            };
            set(
                this,
                State::Pairwise {
                    it: Some(src),
                    old: Some(new.clone()),
                },
            );
            Ok(Some(vm.new_pair(old, new)))
        }
        Step::ZipLongest(mut iters, fill, mut active) => {
            if iters.is_empty() || active == 0 {
                set(this, State::Done);
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for slot in iters.iter_mut() {
                match slot {
                    None => items.push(fill.clone()),
                    Some(i) => match vm.next(i)? {
                        Some(v) => items.push(v),
                        None => {
                            *slot = None;
                            active -= 1;
                            if active == 0 {
                                set(this, State::Done);
                                return Ok(None);
                            }
                            items.push(fill.clone());
                        }
                    },
                }
            }
            set(
                this,
                State::ZipLongest {
                    iters,
                    fill,
                    active,
                },
            );
            Ok(Some(vm.new_tuple(items)))
        }
        Step::GroupBy => groupby_next(vm, this),
        Step::Grouper(parent, tgtkey, id) => grouper_next(vm, this, &parent, &tgtkey, id),
        Step::Tee(shared, pos) => {
            let have = {
                let sh = shared.borrow();
                pos.checked_sub(sh.base)
                    .and_then(|i| sh.buf.get(i).cloned())
            };
            let v = match have {
                Some(v) => v,
                None => {
                    let src = {
                        let mut sh = shared.borrow_mut();
                        if sh.running {
                            drop(sh);
                            return Err(vm.runtime_error("cannot re-enter the tee iterator"));
                        }
                        sh.running = true;
                        sh.it.clone()
                    };
                    let got = vm.next(&src);
                    shared.borrow_mut().running = false;
                    let Some(v) = got? else {
                        return Ok(None);
                    };
                    shared.borrow_mut().buf.push_back(v.clone());
                    v
                }
            };
            set(
                this,
                State::Tee {
                    shared,
                    pos: pos + 1,
                },
            );
            Ok(Some(v))
        }
        Step::Comb => {
            let Some(it) = state(this) else {
                return Ok(None);
            };
            let mut st = it.0.borrow_mut();
            let State::Combinatoric(c) = &mut *st else {
                return Ok(None);
            };
            let r = comb_next(c);
            if r.is_none() {
                *st = State::Done;
            }
            drop(st);
            Ok(r.map(|items| vm.new_tuple(items)))
        }
    }
}

/// What one `__next__` step needs, copied out of the state.
enum Step {
    Count(Value, Value),
    Repeat(Value),
    Cycle(Option<Value>, Option<Value>),
    Accumulate(Value, Value, Option<Value>, Option<Value>),
    Chain(Option<Value>, Option<Value>),
    Compress(Value, Value),
    DropWhile(Value, Value, bool),
    TakeWhile(Value, Value),
    FilterFalse(Value, Value),
    StarMap(Value, Value),
    ISlice(Option<Value>, usize, Option<usize>, usize, usize),
    Pairwise(Option<Value>, Option<Value>),
    ZipLongest(Vec<Option<Value>>, Value, usize),
    GroupBy,
    Grouper(Value, Value, usize),
    Tee(Rc<RefCell<TeeShared>>, usize),
    Comb,
}

// ----- combinatorics (the algorithms of the itertools documentation's equivalents) -----

fn comb_next(c: &mut Comb) -> Option<Vec<Value>> {
    let pool = |c: &Comb, i: usize| c.pools[0][i].clone();
    match c.kind {
        CombKind::Product => {
            if c.first {
                c.first = false;
                if c.pools.iter().any(Vec::is_empty) {
                    return None;
                }
            } else {
                let mut i = c.pools.len();
                loop {
                    if i == 0 {
                        return None;
                    }
                    i -= 1;
                    c.indices[i] += 1;
                    if c.indices[i] < c.pools[i].len() {
                        break;
                    }
                    c.indices[i] = 0;
                }
            }
            Some(
                c.indices
                    .iter()
                    .enumerate()
                    .map(|(k, &j)| c.pools[k][j].clone())
                    .collect(),
            )
        }
        CombKind::Combinations => {
            let n = c.pools[0].len();
            let r = c.r;
            if c.first {
                c.first = false;
                if r > n {
                    return None;
                }
            } else {
                let mut i = r;
                loop {
                    if i == 0 {
                        return None;
                    }
                    i -= 1;
                    if c.indices[i] != i + n - r {
                        break;
                    }
                }
                c.indices[i] += 1;
                for j in i + 1..r {
                    c.indices[j] = c.indices[j - 1] + 1;
                }
            }
            Some(c.indices.iter().map(|&i| pool(c, i)).collect())
        }
        CombKind::WithReplacement => {
            let n = c.pools[0].len();
            let r = c.r;
            if c.first {
                c.first = false;
                if n == 0 && r > 0 {
                    return None;
                }
            } else {
                let mut i = r;
                loop {
                    if i == 0 {
                        return None;
                    }
                    i -= 1;
                    if c.indices[i] != n - 1 {
                        break;
                    }
                }
                let v = c.indices[i] + 1;
                for j in i..r {
                    c.indices[j] = v;
                }
            }
            Some(c.indices.iter().map(|&i| pool(c, i)).collect())
        }
        CombKind::Permutations => {
            let n = c.pools[0].len();
            let r = c.r;
            if c.first {
                c.first = false;
                if r > n {
                    return None;
                }
                return Some(c.indices[..r].iter().map(|&i| pool(c, i)).collect());
            }
            if n == 0 {
                return None;
            }
            let mut i = r;
            loop {
                if i == 0 {
                    return None;
                }
                i -= 1;
                c.cycles[i] -= 1;
                if c.cycles[i] == 0 {
                    let moved = c.indices.remove(i);
                    c.indices.push(moved);
                    c.cycles[i] = n - i;
                } else {
                    let j = c.cycles[i];
                    c.indices.swap(i, n - j);
                    return Some(c.indices[..r].iter().map(|&i| pool(c, i)).collect());
                }
            }
        }
    }
}

fn r_arg(vm: &mut Vm, v: &Value, default: usize) -> PyResult<usize> {
    if v.is_null() || v.is_none() {
        return Ok(default);
    }
    let r = vm.index_to_i64(v)?;
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok(usize::try_from(r).unwrap_or(usize::MAX))
}

fn product_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "product")?;
    let mut repeat = 1usize;
    for (k, v) in rest.kwargs() {
        if vm.str_text(k) != "repeat" {
            return Err(vm.type_error(format!(
                "product() got an unexpected keyword argument '{}'",
                vm.str_text(k)
            )));
        }
        let n = vm.index_to_i64(v)?;
        if n < 0 {
            return Err(vm.value_error("repeat argument cannot be negative"));
        }
        repeat = usize::try_from(n).unwrap_or(usize::MAX);
    }
    let mut base = Vec::new();
    for a in rest.pos() {
        base.push(vm.iterate(a)?);
    }
    let total = base.len().saturating_mul(repeat);
    if total > (1 << 24) {
        return Err(vm.memory_error());
    }
    let mut pools = Vec::with_capacity(total);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let c = Comb {
        kind: CombKind::Product,
        indices: vec![0; pools.len()],
        pools,
        r: 0,
        cycles: Vec::new(),
        first: true,
    };
    Ok(make(vm, &cls, State::Combinatoric(Box::new(c))))
}

fn pool_comb(vm: &mut Vm, args: Args<'_>, name: &str, kind: CombKind) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, name)?;
    let required = if kind == CombKind::Permutations { 1 } else { 2 };
    let a = bind_args(vm, &rest, name, &["iterable", "r"], required)?;
    let pool = vm.iterate(&a[0])?;
    let n = pool.len();
    let r = r_arg(vm, &a[1], n)?;
    let c = match kind {
        CombKind::Permutations => Comb {
            kind,
            pools: vec![pool],
            r,
            indices: (0..n).collect(),
            cycles: (0..r.min(n)).map(|i| n - i).collect(),
            first: true,
        },
        CombKind::Combinations => Comb {
            kind,
            pools: vec![pool],
            r,
            indices: (0..r.min(n)).collect(),
            cycles: Vec::new(),
            first: true,
        },
        _ => Comb {
            kind,
            pools: vec![pool],
            r,
            indices: vec![0; if n == 0 { 0 } else { r }],
            cycles: Vec::new(),
            first: true,
        },
    };
    Ok(make(vm, &cls, State::Combinatoric(Box::new(c))))
}

fn permutations_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pool_comb(vm, args, "permutations", CombKind::Permutations)
}

fn combinations_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pool_comb(vm, args, "combinations", CombKind::Combinations)
}

fn cwr_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pool_comb(
        vm,
        args,
        "combinations_with_replacement",
        CombKind::WithReplacement,
    )
}

// ----- constructors -----

fn count_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "count")?;
    let a = bind_args(vm, &rest, "count", &["start", "step"], 0)?;
    let n = if a[0].is_null() {
        Value::Int(0)
    } else {
        a[0].clone()
    };
    let step = if a[1].is_null() {
        Value::Int(1)
    } else {
        a[1].clone()
    };
    for v in [&n, &step] {
        let numeric = matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
            || vm.lookup_special_str(v, "__add__").is_some()
                && (vm.lookup_special_str(v, "__index__").is_some()
                    || vm.lookup_special_str(v, "__float__").is_some()
                    || vm.lookup_special_str(v, "__complex__").is_some()
                    || matches!(v.payload(), Some(Payload::Int(_) | Payload::Complex(..))));
        if !numeric {
            return Err(vm.type_error("a number is required"));
        }
    }
    Ok(make(vm, &cls, State::Count { n, step }))
}

fn count_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let (n, step) = match state(this).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::Count { n, step } => (n.clone(), step.clone()),
            _ => (Value::Int(0), Value::Int(1)),
        },
        None => (Value::Int(0), Value::Int(1)),
    };
    let tn = vm.type_name(this);
    let nr = vm.repr_string(&n)?;
    let default_step = matches!(step, Value::Int(1));
    if default_step {
        return Ok(vm.new_string(format!("{tn}({nr})")));
    }
    let sr = vm.repr_string(&step)?;
    Ok(vm.new_string(format!("{tn}({nr}, {sr})")))
}

fn cycle_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "cycle")?;
    no_kwargs(vm, &rest, "cycle")?;
    let a = pos_args(vm, &rest, "cycle", 1, 1)?;
    let it = vm.iter(&a[0])?;
    Ok(make(
        vm,
        &cls,
        State::Cycle {
            it: Some(it),
            saved: Vec::new(),
            idx: 0,
        },
    ))
}

fn repeat_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "repeat")?;
    let a = bind_args(vm, &rest, "repeat", &["object", "times"], 1)?;
    let left = if a[1].is_null() {
        None
    } else {
        let n = vm.index_to_i64(&a[1])?;
        Some(usize::try_from(n.max(0)).unwrap_or(0))
    };
    Ok(make(
        vm,
        &cls,
        State::Repeat {
            obj: a[0].clone(),
            left,
        },
    ))
}

fn repeat_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let (obj, left) = match state(this).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::Repeat { obj, left } => (obj.clone(), *left),
            _ => (Value::None, None),
        },
        None => (Value::None, None),
    };
    let tn = vm.type_name(this);
    let r = vm.repr_string(&obj)?;
    Ok(vm.new_string(match left {
        Some(n) => format!("{tn}({r}, {n})"),
        None => format!("{tn}({r})"),
    }))
}

fn repeat_length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__length_hint__", 0, 0)?;
    let left = match state(this).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::Repeat { left, .. } => *left,
            _ => Some(0),
        },
        None => Some(0),
    };
    match left {
        Some(n) => Ok(Value::Int(n as i64)),
        None => Err(vm.type_error("len() of unsized object")),
    }
}

fn accumulate_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "accumulate")?;
    let a = bind_args(vm, &rest, "accumulate", &["iterable", "func", "initial"], 1)?;
    let it = vm.iter(&a[0])?;
    let func = if a[1].is_null() {
        Value::None
    } else {
        a[1].clone()
    };
    let initial = if a[2].is_null() || a[2].is_none() {
        None
    } else {
        Some(a[2].clone())
    };
    Ok(make(
        vm,
        &cls,
        State::Accumulate {
            it,
            func,
            total: None,
            initial,
        },
    ))
}

fn chain_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "chain")?;
    no_kwargs(vm, &rest, "chain")?;
    let t = vm.new_tuple(rest.values.to_vec());
    let source = vm.iter(&t)?;
    Ok(make(
        vm,
        &cls,
        State::Chain {
            source: Some(source),
            active: None,
        },
    ))
}

fn chain_from_iterable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "from_iterable", 2, 2)?;
    let Value::Obj(cls) = &a[0] else {
        return Err(vm.type_error("from_iterable needs a class"));
    };
    let source = vm.iter(&a[1])?;
    Ok(make(
        vm,
        cls,
        State::Chain {
            source: Some(source),
            active: None,
        },
    ))
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}

fn compress_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "compress")?;
    let a = bind_args(vm, &rest, "compress", &["data", "selectors"], 2)?;
    let data = vm.iter(&a[0])?;
    let selectors = vm.iter(&a[1])?;
    Ok(make(vm, &cls, State::Compress { data, selectors }))
}

fn pred_and_iter(vm: &mut Vm, rest: &Args<'_>, name: &str) -> PyResult<(Value, Value)> {
    no_kwargs(vm, rest, name)?;
    if rest.values.len() != 2 {
        return Err(vm.type_error(format!(
            "{name} expected 2 arguments, got {}",
            rest.values.len()
        )));
    }
    let it = vm.iter(&rest.values[1])?;
    Ok((rest.values[0].clone(), it))
}

fn dropwhile_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "dropwhile")?;
    let (pred, it) = pred_and_iter(vm, &rest, "dropwhile")?;
    Ok(make(
        vm,
        &cls,
        State::DropWhile {
            pred,
            it,
            dropping: true,
        },
    ))
}

fn takewhile_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "takewhile")?;
    let (pred, it) = pred_and_iter(vm, &rest, "takewhile")?;
    Ok(make(
        vm,
        &cls,
        State::TakeWhile {
            pred,
            it,
            done: false,
        },
    ))
}

fn filterfalse_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "filterfalse")?;
    let (pred, it) = pred_and_iter(vm, &rest, "filterfalse")?;
    Ok(make(vm, &cls, State::FilterFalse { pred, it }))
}

fn starmap_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "starmap")?;
    let (func, it) = pred_and_iter(vm, &rest, "starmap")?;
    Ok(make(vm, &cls, State::StarMap { func, it }))
}

/// An `islice` bound: `None` or an int in `0..=sys.maxsize`.
fn slice_bound(vm: &mut Vm, v: &Value, msg: &str) -> PyResult<Option<usize>> {
    if v.is_none() {
        return Ok(None);
    }
    if vm.lookup_special_str(v, "__index__").is_none() {
        return Err(vm.value_error(msg.to_string()));
    }
    let n = match vm.index_to_i64(v) {
        Ok(n) => n,
        Err(e) if vm.err_matches(&e, &vm.types.overflow_error.clone()) => i64::MAX,
        Err(e) => return Err(e),
    };
    if n < 0 {
        return Err(vm.value_error(msg.to_string()));
    }
    Ok(Some(usize::try_from(n).unwrap_or(usize::MAX)))
}

fn islice_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "islice")?;
    no_kwargs(vm, &rest, "islice")?;
    let a = rest.values;
    if a.len() < 2 || a.len() > 4 {
        return Err(vm.type_error(format!(
            "islice expected {} arguments, got {}",
            if a.len() < 2 {
                "at least 2"
            } else {
                "at most 4"
            },
            a.len()
        )));
    }
    let (start, stop, step) = if a.len() == 2 {
        let stop = slice_bound(
            vm,
            &a[1],
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        )?;
        (0, stop, 1)
    } else {
        let msg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
        let start = slice_bound(vm, &a[1], msg)?.unwrap_or(0);
        let stop = slice_bound(vm, &a[2], msg)?;
        let step = match a.get(3) {
            Some(s) if !s.is_none() => {
                let n = vm.index_to_i64(s).map_err(|_| {
                    vm.value_error("Step for islice() must be a positive integer or None.")
                })?;
                if n < 1 {
                    return Err(
                        vm.value_error("Step for islice() must be a positive integer or None.")
                    );
                }
                usize::try_from(n).unwrap_or(usize::MAX)
            }
            _ => 1,
        };
        (start, stop, step)
    };
    let it = vm.iter(&a[0])?;
    Ok(make(
        vm,
        &cls,
        State::ISlice {
            it: Some(it),
            next: start,
            stop,
            step,
            count: 0,
        },
    ))
}

fn pairwise_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "pairwise")?;
    let a = pos_args(vm, &rest, "pairwise", 1, 1)?;
    let it = vm.iter(&a[0])?;
    Ok(make(
        vm,
        &cls,
        State::Pairwise {
            it: Some(it),
            old: None,
        },
    ))
}

fn zip_longest_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "zip_longest")?;
    let mut fill = Value::None;
    for (k, v) in rest.kwargs() {
        if vm.str_text(k) != "fillvalue" {
            return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
        }
        fill = v.clone();
    }
    let mut iters = Vec::new();
    for a in rest.pos() {
        iters.push(Some(vm.iter(a)?));
    }
    let active = iters.len();
    Ok(make(
        vm,
        &cls,
        State::ZipLongest {
            iters,
            fill,
            active,
        },
    ))
}

// ----- groupby -----

fn groupby_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = new_parts(vm, &args, "groupby")?;
    let a = bind_args(vm, &rest, "groupby", &["iterable", "key"], 1)?;
    let it = vm.iter(&a[0])?;
    let key = if a[1].is_null() {
        Value::None
    } else {
        a[1].clone()
    };
    Ok(make(
        vm,
        &cls,
        State::GroupBy {
            it,
            key,
            tgtkey: None,
            currkey: None,
            currvalue: None,
            current: 0,
        },
    ))
}

/// `groupby_step`: read the next item and its key into the state; `false` at the end.
fn groupby_step(vm: &mut Vm, gb: &Value) -> PyResult<bool> {
    let (src, key) = match state(gb).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::GroupBy { it, key, .. } => (it.clone(), key.clone()),
            _ => return Ok(false),
        },
        None => return Ok(false),
    };
    let Some(v) = vm.next(&src)? else {
        return Ok(false);
    };
    let k = if key.is_none() {
        v.clone()
    } else {
        vm.call_pos(&key, std::slice::from_ref(&v))?
    };
    if let Some(s) = state(gb)
        && let State::GroupBy {
            currkey, currvalue, ..
        } = &mut *s.0.borrow_mut()
    {
        *currkey = Some(k);
        *currvalue = Some(v);
    }
    Ok(true)
}

fn groupby_fields(gb: &Value) -> (Option<Value>, Option<Value>, Option<Value>) {
    match state(gb).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::GroupBy {
                tgtkey,
                currkey,
                currvalue,
                ..
            } => (tgtkey.clone(), currkey.clone(), currvalue.clone()),
            _ => (None, None, None),
        },
        None => (None, None, None),
    }
}

fn groupby_next(vm: &mut Vm, this: &Value) -> PyResult<Option<Value>> {
    // Any grouper handed out before is finished.
    if let Some(s) = state(this)
        && let State::GroupBy { current, .. } = &mut *s.0.borrow_mut()
    {
        *current = 0;
    }
    // Skip to the next key.
    loop {
        let (tgt, curr, _) = groupby_fields(this);
        match (curr, tgt) {
            (None, _) => {
                if !groupby_step(vm, this)? {
                    return Ok(None);
                }
            }
            (Some(_), None) => break,
            (Some(c), Some(t)) => {
                if !vm.eq(&t, &c)? {
                    break;
                }
                if !groupby_step(vm, this)? {
                    return Ok(None);
                }
            }
        }
    }
    let (_, curr, _) = groupby_fields(this);
    let Some(curr) = curr else { return Ok(None) };
    let grouper = make_named(vm, "_grouper", State::Done)?;
    let id = grouper.identity();
    set(
        &grouper,
        State::Grouper {
            parent: this.clone(),
            tgtkey: curr.clone(),
            id,
        },
    );
    if let Some(s) = state(this)
        && let State::GroupBy {
            tgtkey, current, ..
        } = &mut *s.0.borrow_mut()
    {
        *tgtkey = Some(curr.clone());
        *current = id;
    }
    Ok(Some(vm.new_pair(curr, grouper)))
}

fn grouper_next(
    vm: &mut Vm,
    _this: &Value,
    parent: &Value,
    tgtkey: &Value,
    id: usize,
) -> PyResult<Option<Value>> {
    let current = match state(parent).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::GroupBy { current, .. } => *current,
            _ => 0,
        },
        None => 0,
    };
    if current != id {
        return Ok(None);
    }
    let (_, curr, _) = groupby_fields(parent);
    if curr.is_none() && !groupby_step(vm, parent)? {
        return Ok(None);
    }
    let (_, curr, val) = groupby_fields(parent);
    let (Some(curr), Some(val)) = (curr, val) else {
        return Ok(None);
    };
    if !vm.eq(tgtkey, &curr)? {
        return Ok(None);
    }
    if let Some(s) = state(parent)
        && let State::GroupBy {
            currkey, currvalue, ..
        } = &mut *s.0.borrow_mut()
    {
        *currkey = None;
        *currvalue = None;
    }
    Ok(Some(val))
}

// ----- tee -----

fn tee(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "tee", 1, 2)?;
    let n = match a.get(1) {
        Some(v) => vm.index_to_i64(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    let src = vm.iter(&a[0])?;
    // A tee of a tee shares its buffer from the same position.
    let (shared, pos) = match state(&src).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::Tee { shared, pos } => (shared.clone(), *pos),
            _ => (new_shared(src.clone()), 0),
        },
        None => (new_shared(src.clone()), 0),
    };
    let mut out = Vec::new();
    for _ in 0..n {
        let t = make_named(
            vm,
            "_tee",
            State::Tee {
                shared: shared.clone(),
                pos,
            },
        )?;
        out.push(t);
    }
    Ok(vm.new_tuple(out))
}

fn new_shared(it: Value) -> Rc<RefCell<TeeShared>> {
    Rc::new(RefCell::new(TeeShared {
        it,
        buf: VecDeque::new(),
        base: 0,
        running: false,
    }))
}

fn tee_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__copy__", 0, 0)?;
    let st = match state(this).map(|s| s.0.borrow()) {
        Some(st) => match &*st {
            State::Tee { shared, pos } => State::Tee {
                shared: shared.clone(),
                pos: *pos,
            },
            _ => State::Done,
        },
        None => State::Done,
    };
    make_named(vm, "_tee", st)
}
