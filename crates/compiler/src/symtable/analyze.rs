//! Name resolution (CPython 3.11's `analyze_block`, `analyze_name`, `analyze_cells`,
//! `update_symbols`): from the flags recorded per block, decide for every name whether it is
//! local, global (explicit or implicit), free or a cell, innermost scopes first.

use std::collections::{HashMap, HashSet};

use super::{
    DEF_BOUND, DEF_FREE_CLASS, DEF_GLOBAL, DEF_NONLOCAL, Resolution, ScopeKind, Symbol, SymbolTable,
};
use crate::positions::SourceFile;

type R = Result<(), crate::CompileError>;

pub(super) fn analyze(st: &mut SymbolTable, src: &SourceFile<'_>) -> R {
    let mut free = HashSet::new();
    analyze_block(st, src, 0, None, &mut free, &HashSet::new())
}

fn analyze_block(
    st: &mut SymbolTable,
    src: &SourceFile<'_>,
    id: usize,
    bound: Option<&HashSet<String>>,
    free: &mut HashSet<String>,
    global: &HashSet<String>,
) -> R {
    let mut local = HashSet::new();
    let mut scopes: HashMap<String, Resolution> = HashMap::new();
    let mut newglobal: HashSet<String> = HashSet::new();
    let mut newfree: HashSet<String> = HashSet::new();
    let mut newbound: HashSet<String> = HashSet::new();
    let mut global = global.clone();
    let mut bound_c = bound.cloned();
    let kind = st.scopes[id].kind;
    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = &bound_c {
            newbound.extend(b.iter().cloned());
        }
    }
    let mut names: Vec<(String, u32)> = st.scopes[id]
        .symbols
        .iter()
        .map(|(n, s)| (n.clone(), s.flags))
        .collect();
    names.sort();
    for (name, flags) in &names {
        let res = if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(src.error_at(
                    crate::ErrorKind::SyntaxError,
                    format!("name '{name}' is nonlocal and global"),
                    st.scopes[id]
                        .directives
                        .get(name)
                        .copied()
                        .unwrap_or_default(),
                ));
            }
            global.insert(name.clone());
            if let Some(b) = &mut bound_c {
                b.remove(name);
            }
            Resolution::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            let ok = bound_c.as_ref().is_some_and(|b| b.contains(name));
            if !ok {
                return Err(src.error_at(
                    crate::ErrorKind::SyntaxError,
                    format!("no binding for nonlocal '{name}' found"),
                    st.scopes[id]
                        .directives
                        .get(name)
                        .copied()
                        .unwrap_or_default(),
                ));
            }
            free.insert(name.clone());
            Resolution::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(name);
            Resolution::Local
        } else if bound_c.as_ref().is_some_and(|b| b.contains(name)) {
            free.insert(name.clone());
            Resolution::Free
        } else {
            Resolution::GlobalImplicit
        };
        scopes.insert(name.clone(), res);
    }
    if kind != ScopeKind::Class {
        if st.scopes[id].is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound_c {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".to_string());
    }
    let children = st.scopes[id].children.clone();
    let mut allfree = HashSet::new();
    for c in children {
        let mut child_free = HashSet::new();
        analyze_block(st, src, c, Some(&newbound), &mut child_free, &newglobal)?;
        allfree.extend(child_free);
    }
    newfree.extend(allfree);
    if st.scopes[id].is_function_like() {
        // analyze_cells: locals captured by children become cells.
        for (name, res) in scopes.iter_mut() {
            if *res == Resolution::Local && newfree.contains(name) {
                *res = Resolution::Cell;
                newfree.remove(name);
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        st.scopes[id].needs_class_closure = true;
    }
    // update_symbols
    let is_class = kind == ScopeKind::Class;
    let scope = &mut st.scopes[id];
    for (name, res) in &scopes {
        if let Some(s) = scope.symbols.get_mut(name) {
            s.scope = *res;
        }
    }
    for name in &newfree {
        if let Some(s) = scope.symbols.get_mut(name) {
            if is_class && s.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                s.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = &bound_c
            && !b.contains(name)
        {
            continue;
        }
        if bound_c.is_none() {
            continue;
        }
        let seq = scope.symbols.len() as u32;
        scope.symbols.insert(
            name.clone(),
            Symbol {
                flags: 0,
                scope: Resolution::Free,
                seq,
            },
        );
    }
    free.extend(newfree);
    Ok(())
}
