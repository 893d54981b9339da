//! The per-block peephole pass (CPython 3.11's `optimize_basic_block` and helpers): constant
//! conditions, `is None` jumps, tuple folding and unpacking, jump threading within a line,
//! `PUSH_NULL` + `LOAD_GLOBAL` merging, and SWAP minimisation (`swaptimize`,
//! `apply_static_swaps`).

use krait_bytecode::{Constant, Opcode};

use super::{Arg, BlockId, Cfg, Instr, Op, real};

impl Cfg {
    fn const_truth(&self, idx: u32) -> Option<bool> {
        Some(match self.consts.get(idx as usize)? {
            Constant::None => false,
            Constant::Ellipsis => true,
            Constant::Bool(b) => *b,
            Constant::Int(i) => *i != 0,
            Constant::BigInt(_) => true,
            Constant::Float(f) => *f != 0.0,
            Constant::Complex(r, i) => *r != 0.0 || *i != 0.0,
            Constant::Str(s) => !s.is_empty(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
            Constant::Code(_) | Constant::Lazy(_) => true,
        })
    }

    pub(super) fn optimize_block(&mut self, b: BlockId) {
        let mut i = 0;
        let mut guard = 0;
        while i < self.blocks[b].instrs.len() {
            // Rewrites may revisit an instruction a few times; never loop forever.
            guard += 1;
            if guard > 8 * self.blocks[b].instrs.len() + 64 {
                break;
            }
            // Jumps skip over empty blocks (as CPython's optimize_basic_block does).
            if let Some(mut t) = self.blocks[b].instrs[i].target {
                let mut hops = 0;
                while self.blocks[t].instrs.is_empty() && hops < self.blocks.len() {
                    match self.blocks[t].next {
                        Some(n) => t = n,
                        None => break,
                    }
                    hops += 1;
                }
                self.blocks[b].instrs[i].target = Some(t);
            }
            let inst = self.blocks[b].instrs[i].clone();
            let next = self.blocks[b].instrs.get(i + 1).cloned();
            let nextop = next.as_ref().map(|n| n.op);
            let target = inst.target.and_then(|t| self.first_instr(t).cloned());
            let Op::Real(op) = inst.op else {
                if inst.op == Op::Jump
                    && let Some(t) = &target
                    && t.op == Op::Jump
                    && self.jump_thread(b, i, t, Op::Jump)
                {
                    continue;
                }
                i += 1;
                continue;
            };
            let Arg::N(oparg) = inst.arg else {
                i += 1;
                continue;
            };
            match op {
                Opcode::PUSH_NULL => {
                    if let Some(n) = &next
                        && n.op == real(Opcode::LOAD_GLOBAL)
                        && let Arg::N(g) = n.arg
                        && g & 1 == 0
                    {
                        self.blocks[b].instrs[i].op = real(Opcode::NOP);
                        self.blocks[b].instrs[i + 1].arg = Arg::N(g | 1);
                    }
                }
                Opcode::LOAD_CONST => match nextop {
                    Some(Op::Real(n @ (Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE))) => {
                        if let Some(t) = self.const_truth(oparg) {
                            self.blocks[b].instrs[i].op = real(Opcode::NOP);
                            let jump_if_true = n == Opcode::POP_JUMP_IF_TRUE;
                            self.blocks[b].instrs[i + 1].op = if t == jump_if_true {
                                Op::Jump
                            } else {
                                real(Opcode::NOP)
                            };
                            if t != jump_if_true {
                                self.blocks[b].instrs[i + 1].target = None;
                            }
                        }
                    }
                    Some(Op::Real(
                        n @ (Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP),
                    )) => {
                        if let Some(t) = self.const_truth(oparg) {
                            let jump_if_true = n == Opcode::JUMP_IF_TRUE_OR_POP;
                            if t == jump_if_true {
                                self.blocks[b].instrs[i + 1].op = Op::Jump;
                            } else {
                                self.blocks[b].instrs[i].op = real(Opcode::NOP);
                                self.blocks[b].instrs[i + 1].op = real(Opcode::NOP);
                                self.blocks[b].instrs[i + 1].target = None;
                            }
                        }
                    }
                    Some(Op::Real(Opcode::IS_OP)) => {
                        let is_none =
                            matches!(self.consts.get(oparg as usize), Some(Constant::None));
                        let third = self.blocks[b].instrs.get(i + 2).map(|x| x.op);
                        if is_none
                            && let Some(Op::Real(
                                j @ (Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE),
                            )) = third
                        {
                            let invert = matches!(next.as_ref().map(|n| n.arg), Some(Arg::N(1)));
                            self.blocks[b].instrs[i].op = real(Opcode::NOP);
                            self.blocks[b].instrs[i + 1].op = real(Opcode::NOP);
                            let jump_if_true = (j == Opcode::POP_JUMP_IF_TRUE) ^ invert;
                            self.blocks[b].instrs[i + 2].op = real(if jump_if_true {
                                Opcode::POP_JUMP_IF_NONE
                            } else {
                                Opcode::POP_JUMP_IF_NOT_NONE
                            });
                        }
                    }
                    _ => {}
                },
                Opcode::BUILD_TUPLE => {
                    if let Some(n) = &next
                        && n.op == real(Opcode::UNPACK_SEQUENCE)
                        && n.arg == Arg::N(oparg)
                    {
                        match oparg {
                            _ if false => {}
                            1 => {
                                self.blocks[b].instrs[i].op = real(Opcode::NOP);
                                self.blocks[b].instrs[i + 1].op = real(Opcode::NOP);
                            }
                            2 | 3 => {
                                self.blocks[b].instrs[i].op = real(Opcode::NOP);
                                self.blocks[b].instrs[i + 1].op = real(Opcode::SWAP);
                            }
                            _ => {}
                        }
                        i += 1;
                        continue;
                    }
                    self.fold_tuple(b, i, oparg);
                }
                Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE => {
                    if let Some(t) = &target
                        && t.op == Op::Jump
                        && self.jump_thread(b, i, t, inst.op)
                    {
                        continue;
                    }
                }
                Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                    let is_false = op == Opcode::JUMP_IF_FALSE_OR_POP;
                    if let Some(t) = &target {
                        let (same_pop, same_keep, opp_pop, opp_keep) = if is_false {
                            (
                                Opcode::POP_JUMP_IF_FALSE,
                                Opcode::JUMP_IF_FALSE_OR_POP,
                                Opcode::POP_JUMP_IF_TRUE,
                                Opcode::JUMP_IF_TRUE_OR_POP,
                            )
                        } else {
                            (
                                Opcode::POP_JUMP_IF_TRUE,
                                Opcode::JUMP_IF_TRUE_OR_POP,
                                Opcode::POP_JUMP_IF_FALSE,
                                Opcode::JUMP_IF_FALSE_OR_POP,
                            )
                        };
                        if t.op == real(same_pop) {
                            if self.jump_thread(b, i, t, real(same_pop)) {
                                continue;
                            }
                        } else if t.op == Op::Jump || t.op == real(same_keep) {
                            if self.jump_thread(b, i, t, inst.op) {
                                continue;
                            }
                        } else if (t.op == real(opp_pop) || t.op == real(opp_keep))
                            && inst.pos.line == t.pos.line
                            && let Some(tb) = inst.target
                            && let Some(after) = self.blocks[tb].next
                            && after != tb
                        {
                            self.blocks[b].instrs[i].op = real(same_pop);
                            self.blocks[b].instrs[i].target = Some(after);
                            continue;
                        }
                    }
                }
                Opcode::SWAP => {
                    if oparg == 1 {
                        self.blocks[b].instrs[i].op = real(Opcode::NOP);
                    } else {
                        i = self.swaptimize(b, i);
                        self.apply_static_swaps(b, i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// `LOAD_CONST`s followed by `BUILD_TUPLE n` become one `LOAD_CONST` of the tuple.
    fn fold_tuple(&mut self, b: BlockId, i: usize, n: u32) {
        let n = n as usize;
        if i < n {
            return;
        }
        let instrs = &self.blocks[b].instrs;
        let mut items = Vec::with_capacity(n);
        for ins in &instrs[i - n..i] {
            match (ins.op, ins.arg) {
                (Op::Real(Opcode::LOAD_CONST), Arg::N(c)) => match self.consts.get(c as usize) {
                    Some(k) => items.push(k.clone()),
                    None => return,
                },
                _ => return,
            }
        }
        let tuple = Constant::Tuple(items.into());
        let idx = match self.consts.iter().position(|c| c.same_as(&tuple)) {
            Some(x) => x,
            None => {
                self.consts.push(tuple);
                self.consts.len() - 1
            }
        };
        for ins in &mut self.blocks[b].instrs[i - n..i] {
            ins.op = real(Opcode::NOP);
        }
        let ins = &mut self.blocks[b].instrs[i];
        ins.op = real(Opcode::LOAD_CONST);
        ins.arg = Arg::N(idx as u32);
    }

    fn jump_thread(&mut self, b: BlockId, i: usize, target: &Instr, new_op: Op) -> bool {
        let inst = &self.blocks[b].instrs[i];
        if inst.pos.line == target.pos.line && inst.target != target.target {
            let t = target.target;
            let ins = &mut self.blocks[b].instrs[i];
            ins.target = t;
            ins.op = new_op;
            true
        } else {
            false
        }
    }

    /// Replace a run of SWAPs (and NOPs) by the fewest SWAPs with the same effect (CPython's
    /// `swaptimize`); returns the index of the run's last instruction.
    fn swaptimize(&mut self, b: BlockId, start: usize) -> usize {
        let instrs = &mut self.blocks[b].instrs;
        let swap_arg = |i: &Instr| match (i.op, i.arg) {
            (Op::Real(Opcode::SWAP), Arg::N(n)) => Some(n as usize),
            _ => None,
        };
        let Some(mut depth) = swap_arg(&instrs[start]) else {
            return start;
        };
        let mut len = 1;
        let mut more = false;
        while start + len < instrs.len() {
            let ins = &instrs[start + len];
            if let Some(n) = swap_arg(ins) {
                depth = depth.max(n);
                more = true;
            } else if ins.op != real(Opcode::NOP) {
                break;
            }
            len += 1;
        }
        if !more || depth == 0 {
            return start;
        }
        const VISITED: usize = usize::MAX;
        let mut stack: Vec<usize> = (0..depth).collect();
        for ins in &instrs[start..start + len] {
            if let Some(n) = swap_arg(ins)
                && n >= 1
            {
                stack.swap(0, n - 1);
            }
        }
        let mut current = len as isize - 1;
        for i in 0..depth {
            if stack[i] == VISITED || stack[i] == i {
                continue;
            }
            let mut j = i;
            loop {
                if j != 0 {
                    if current < 0 {
                        return start + len - 1;
                    }
                    let ins = &mut instrs[start + current as usize];
                    ins.op = real(Opcode::SWAP);
                    ins.arg = Arg::N(j as u32 + 1);
                    current -= 1;
                }
                if stack[j] == VISITED {
                    break;
                }
                let next = stack[j];
                stack[j] = VISITED;
                j = next;
            }
        }
        while current >= 0 {
            instrs[start + current as usize].op = real(Opcode::NOP);
            current -= 1;
        }
        start + len - 1
    }

    fn apply_static_swaps(&mut self, b: BlockId, start: usize) {
        let swappable = |op: Op| op == real(Opcode::STORE_FAST) || op == real(Opcode::POP_TOP);
        let instrs = &mut self.blocks[b].instrs;
        let next_swappable =
            |instrs: &Vec<Instr>, mut i: usize, line: Option<u32>| -> Option<usize> {
                loop {
                    i += 1;
                    let ins = instrs.get(i)?;
                    if let Some(l) = line
                        && ins.pos.line != l
                    {
                        return None;
                    }
                    if ins.op == real(Opcode::NOP) {
                        continue;
                    }
                    return if swappable(ins.op) { Some(i) } else { None };
                }
            };
        let mut i = start as isize;
        while i >= 0 {
            let idx = i as usize;
            let ins = &instrs[idx];
            if ins.op != real(Opcode::SWAP) {
                if ins.op == real(Opcode::NOP) || swappable(ins.op) {
                    i -= 1;
                    continue;
                }
                return;
            }
            let Arg::N(n) = ins.arg else { return };
            let Some(j) = next_swappable(instrs, idx, None) else {
                return;
            };
            let line = instrs[j].pos.line;
            let mut k = j;
            for _ in 1..n {
                match next_swappable(instrs, k, Some(line)) {
                    Some(x) => k = x,
                    None => return,
                }
            }
            // Stores to one slot keep their order: not safe when the two swapped store to the
            // same slot, or a store between them writes the slot of either (`STORES_TO`).
            let stores_to = |ins: &Instr| (ins.op == real(Opcode::STORE_FAST)).then_some(ins.arg);
            let (store_j, store_k) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
            if store_j.is_some() || store_k.is_some() {
                if store_j == store_k {
                    return;
                }
                let clash = instrs[j + 1..k]
                    .iter()
                    .filter_map(stores_to)
                    .any(|s| Some(s) == store_j || Some(s) == store_k);
                if clash {
                    return;
                }
            }
            instrs[idx].op = real(Opcode::NOP);
            instrs.swap(j, k);
            i -= 1;
        }
    }
}
